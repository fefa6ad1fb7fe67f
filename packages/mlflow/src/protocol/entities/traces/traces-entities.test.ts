import { describe, expect, it } from 'vitest'
import { printJsonBigIntSafe } from '../../wire/print-json-bigint-safe.ts'
import { toWire } from '../../wire/to-wire.ts'
import { wireCodec } from '../../wire/wire-codec.ts'
import { otelSpanSchema } from './otel-span.ts'
import {
  durationToMillis,
  millisToDuration,
  millisToTimestamp,
  timestampToMillis,
} from './proto-time.ts'
import { traceInfoV3Schema } from './trace-info-v3.ts'

describe('protobuf times', () => {
  it.each([
    ['2024-01-01T00:00:00.5Z', 1704067200500],
    ['2024-01-01T00:00:00Z', 1704067200000],
    ['2024-01-01T02:00:00.123456789+02:00', 1704067200123],
    ['2025-06-15T14:07:41.282Z', 1749996461282],
  ])('reads %s', (text, millis) => {
    expect(timestampToMillis(text)).toBe(millis)
  })

  it('rejects what is not a timestamp or a duration', () => {
    expect(timestampToMillis('yesterday')).toBeUndefined()
    expect(timestampToMillis('2024-01-01T00:00:00')).toBeUndefined()
    expect(durationToMillis('1.5')).toBeUndefined()
  })

  it('writes them as protobuf JSON does', () => {
    expect(millisToTimestamp(1704067200500)).toBe('2024-01-01T00:00:00.500Z')
    expect(millisToTimestamp(1704067200000)).toBe('2024-01-01T00:00:00Z')
    expect(millisToDuration(65)).toBe('0.065s')
    expect(millisToDuration(2000)).toBe('2s')
    expect(millisToDuration(-1500)).toBe('-1.500s')
  })

  it.each([
    ['1.2345s', 1234],
    ['0.0651s', 65],
    ['3s', 3000],
    ['-0.250s', -250],
    ['1e-3s', 1],
  ])('reads duration %s', (text, millis) => {
    expect(durationToMillis(text)).toBe(millis)
  })
})

describe('trace entities on the wire', () => {
  it('reads a trace info with its maps and enum names', () => {
    const info = wireCodec(traceInfoV3Schema).parse({
      trace_id: 'tr-1',
      trace_location: { type: 'MLFLOW_EXPERIMENT', mlflow_experiment: { experiment_id: '1' } },
      request_time: '2025-06-15T14:07:41.282Z',
      state: 2,
      trace_metadata: { a: 'b' },
    })
    expect(info).toMatchObject({ state: 'ERROR', traceMetadata: { a: 'b' }, assessments: [] })
  })

  it('writes span nanoseconds beyond 2^53 exactly', () => {
    const span = otelSpanSchema.parse({
      traceId: 'AA==',
      startTimeUnixNano: 1795488086823481706n,
      attributes: [{ key: 'n', value: { intValue: 2n ** 60n + 1n } }],
    })
    expect(printJsonBigIntSafe(toWire(otelSpanSchema, span))).toBe(
      '{"trace_id":"AA==","start_time_unix_nano":1795488086823481706,' +
        '"attributes":[{"key":"n","value":{"int_value":1152921504606846977}}]}',
    )
  })
})
