/**
 * @module trace-search-json
 * SearchTracesV3's answer written straight to JSON text: the trace infos' shape is known, so
 * plain wire objects are built with the fields in the order and form the generic path (zod
 * parse, wire codec, `printJsonBigIntSafe`) gives them, and stringified in one call (V8's fast
 * path; one call per string costs more than the whole page).
 * Pages it does not cover byte for byte (empty, with assessments, or with a value the response
 * schema would refuse) return `undefined`: the caller then takes the generic path.
 */
import { millisToDuration, type SearchTracesV3Response } from '@dspyflow/mlflow/protocol'
import type {
  SearchTracesJsonResult,
  TraceInfoRecord,
  TraceStore,
} from '../../stores/traces/trace-store.ts'
import {
  cutMap,
  MAX_METADATA_CHARS,
  MAX_TAG_KEY_CHARS,
  MAX_TAG_VALUE_CHARS,
  traceInfoV3,
} from './traces-wire.ts'

const TRACE_STATES = new Set(['STATE_UNSPECIFIED', 'OK', 'ERROR', 'IN_PROGRESS'])

/**
 * The wire JSON of a search answer, or `undefined` when the generic encoder must write it.
 *
 * @example
 * const text = searchTracesJson({ infos, nextPageToken: 'eyJvZmZzZXQiOiAxMDB9' })
 * // '{"traces":[{"trace_id":"tr-…",…}],"next_page_token":"eyJvZmZzZXQiOiAxMDB9"}'
 */
export function searchTracesJson(options: {
  infos: readonly TraceInfoRecord[]
  nextPageToken: string | undefined
}): string | undefined {
  const { infos, nextPageToken } = options
  if (infos.length === 0) return undefined
  const traces: WireTraceInfo[] = []
  for (const info of infos) {
    const wire = wireTraceInfo(info)
    if (wire === undefined) return undefined
    traces.push(wire)
  }
  return JSON.stringify(
    nextPageToken === undefined ? { traces } : { traces, next_page_token: nextPageToken },
  )
}

/**
 * The answer around trace infos the store wrote as wire JSON itself
 * ({@link TraceStore.searchTracesJson}).
 *
 * @example
 * searchTracesAnswerJson({ traceInfoJson: ['{"trace_id":"tr-1",…}'] }) // '{"traces":[{…}]}'
 */
export function searchTracesAnswerJson(page: SearchTracesJsonResult): string {
  const traces = `{"traces":[${page.traceInfoJson.join(',')}]`
  return page.nextPageToken === undefined
    ? `${traces}}`
    : `${traces},"next_page_token":${JSON.stringify(page.nextPageToken)}}`
}

/**
 * The camelCase answer the generic path encodes (for pages {@link searchTracesJson} declines).
 *
 * @example
 * searchTracesResponse({ infos, nextPageToken: undefined }) // { traces: [...] }
 */
export function searchTracesResponse(options: {
  infos: readonly TraceInfoRecord[]
  nextPageToken: string | undefined
}): SearchTracesV3Response {
  return { traces: options.infos.map(traceInfoV3), nextPageToken: options.nextPageToken }
}

type WireTraceInfo = Record<string, unknown>

function wireTraceInfo(record: TraceInfoRecord): WireTraceInfo | undefined {
  if (record.assessments.length > 0 || !TRACE_STATES.has(record.state)) return undefined
  const requestTime = timestampText(record.requestTime)
  const duration = record.executionDuration
  if (requestTime === undefined || (duration !== undefined && !Number.isInteger(duration))) {
    return undefined
  }
  const wire: WireTraceInfo = { trace_id: record.traceId }
  if (record.clientRequestId !== undefined) wire.client_request_id = record.clientRequestId
  wire.trace_location = {
    type: 'MLFLOW_EXPERIMENT',
    mlflow_experiment: { experiment_id: record.experimentId },
  }
  if (record.requestPreview !== undefined) wire.request_preview = record.requestPreview
  if (record.responsePreview !== undefined) wire.response_preview = record.responsePreview
  wire.request_time = requestTime
  if (duration !== undefined) wire.execution_duration = millisToDuration(duration)
  wire.state = record.state
  const metadata = cutEntries(record.traceMetadata, MAX_METADATA_CHARS, MAX_METADATA_CHARS)
  if (metadata !== undefined) wire.trace_metadata = metadata
  const tags = cutEntries(record.tags, MAX_TAG_KEY_CHARS, MAX_TAG_VALUE_CHARS)
  if (tags !== undefined) wire.tags = tags
  return wire
}

/**
 * A map as `traceInfoV3` cuts it (`undefined` when empty): itself when nothing is long enough
 * to cut (the same keys in the same order), else the generic cut (cut keys may collide).
 */
function cutEntries(
  entries: Record<string, string>,
  keyLimit: number,
  valueLimit: number,
): Record<string, string> | undefined {
  let empty = true
  for (const key in entries) {
    if (!Object.hasOwn(entries, key)) continue
    empty = false
    if (key.length > keyLimit || (entries[key] as string).length > valueLimit) {
      return cutMap(entries, keyLimit, valueLimit)
    }
  }
  return empty || Object.getPrototypeOf(entries) !== Object.prototype
    ? cutMap(entries, keyLimit, valueLimit)
    : entries
}

/**
 * `millisToTimestamp` for years 0000–9999 (`undefined` otherwise: no RFC 3339 time), the date
 * part of each day formatted once.
 */
function timestampText(millis: number): string | undefined {
  if (!Number.isSafeInteger(millis)) return undefined
  const day = Math.floor(millis / DAY_MS)
  let date = dayPrefixes.get(day)
  if (date === undefined) {
    if (Math.abs(millis) > 8.64e15) return undefined
    date = new Date(day * DAY_MS).toISOString().slice(0, 11)
    if (dayPrefixes.size >= 4096) dayPrefixes.clear()
    dayPrefixes.set(day, date)
  }
  if (date.startsWith('+') || date.startsWith('-')) return undefined
  const rest = millis - day * DAY_MS
  const seconds = Math.floor(rest / 1000)
  const fraction = rest - seconds * 1000
  const time = `${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}`
  return fraction === 0 ? `${date}${time}Z` : `${date}${time}.${String(fraction).padStart(3, '0')}Z`
}

const DAY_MS = 86_400_000
const dayPrefixes = new Map<number, string>()

function pad2(value: number): string {
  return value < 10 ? `0${value}` : String(value)
}
