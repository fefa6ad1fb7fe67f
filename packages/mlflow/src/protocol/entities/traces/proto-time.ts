/**
 * @module proto-time
 * `google.protobuf.Timestamp` and `google.protobuf.Duration` as MLflow's JSON carries them
 * (`"2025-06-15T14:07:41.282Z"`, `"0.250s"`), and their conversion to and from milliseconds the
 * way protobuf's Python runtime does it (fractions truncated to whole milliseconds).
 */
import { z } from 'zod'

const timestampPattern =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/
const durationPattern = /^([+-])?(\d+)(?:\.(\d+))?s$/
const decimalSecondsPattern = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?s$/

/**
 * Epoch milliseconds of an RFC 3339 timestamp (`Z` or an offset, 0–9 fractional digits), or
 * `undefined` when the text is not one.
 *
 * @example
 * timestampToMillis('2024-01-01T00:00:00.5Z') // 1704067200500
 */
export function timestampToMillis(text: string): number | undefined {
  const match = timestampPattern.exec(text)
  if (match === null) return undefined
  const [, year, month, day, hour, minute, second, fraction, zulu, sign, offH, offM] = match
  const base = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
  )
  if (Number.isNaN(base) || Number(month) > 12 || Number(day) > 31 || Number(hour) > 23) {
    return undefined
  }
  const millis = Number((fraction ?? '').padEnd(3, '0').slice(0, 3))
  const offset = zulu === undefined ? (Number(offH) * 60 + Number(offM)) * 60_000 : 0
  return base + millis - (sign === '-' ? -offset : offset)
}

/**
 * The protobuf JSON form of an epoch-milliseconds time: no fraction for whole seconds, else
 * three digits.
 *
 * @example
 * millisToTimestamp(1704067200500) // '2024-01-01T00:00:00.500Z'
 */
export function millisToTimestamp(millis: number): string {
  const iso = new Date(millis).toISOString()
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso
}

/**
 * Milliseconds of a protobuf Duration (`"1.5s"`, `"-0.250s"`), truncated like protobuf's
 * `ToMilliseconds`; also reads the decimal forms the TypeScript SDK writes (`"0.0651s"`,
 * `"1e-7s"`). `undefined` when the text is not a duration.
 *
 * @example
 * durationToMillis('1.2345s') // 1234
 */
export function durationToMillis(text: string): number | undefined {
  const match = durationPattern.exec(text)
  if (match !== null) {
    const [, sign, seconds, fraction] = match
    const millis = Number(seconds) * 1000 + Number((fraction ?? '').padEnd(3, '0').slice(0, 3))
    return sign === '-' ? -millis : millis
  }
  if (!decimalSecondsPattern.test(text)) return undefined
  const millis = Number(text.slice(0, -1)) * 1000
  return Number.isFinite(millis) ? Math.trunc(millis) : undefined
}

/**
 * The protobuf JSON form of a duration in milliseconds: `"1s"`, `"0.065s"`, `"-1.500s"`.
 *
 * @example
 * millisToDuration(1234) // '1.234s'
 */
export function millisToDuration(millis: number): string {
  const sign = millis < 0 ? '-' : ''
  const absolute = Math.abs(millis)
  const seconds = Math.trunc(absolute / 1000)
  const rest = absolute % 1000
  return rest === 0 ? `${sign}${seconds}s` : `${sign}${seconds}.${String(rest).padStart(3, '0')}s`
}

/**
 * A `google.protobuf.Timestamp` field: its RFC 3339 text, checked.
 *
 * @example
 * protoTimestampSchema.parse('2025-06-15T14:07:41.282Z')
 */
export const protoTimestampSchema = z
  .string()
  .refine((text) => timestampToMillis(text) !== undefined, { error: 'Expected an RFC 3339 time' })

/**
 * A `google.protobuf.Duration` field: its text (`"0.250s"`), checked.
 *
 * @example
 * protoDurationSchema.parse('0.250s')
 */
export const protoDurationSchema = z
  .string()
  .refine((text) => durationToMillis(text) !== undefined, { error: 'Expected a duration' })
