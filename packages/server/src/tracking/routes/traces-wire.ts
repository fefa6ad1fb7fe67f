/**
 * @module traces-wire
 * Trace store records ↔ the trace endpoints' messages: StartTraceV3's `TraceInfoV3` into the
 * store's input (timestamps and durations to milliseconds), stored infos out as `TraceInfoV3`
 * (metadata cut to 250 characters, tags to 4096, as MLflow's `to_proto` cuts them) or the legacy
 * v2 `TraceInfo`, and stored spans as OpenTelemetry proto JSON.
 */
import {
  durationToMillis,
  experimentTraceLocation,
  MlflowError,
  millisToDuration,
  millisToTimestamp,
  type Trace,
  type TraceInfoV2,
  type TraceInfoV3,
  timestampToMillis,
  traceStateToStatus,
} from '@dspyflow/mlflow/protocol'
import { otelSpanJson } from '../../stores/traces/spans/otel-span-json.ts'
import { spanRecordFromDictJson } from '../../stores/traces/spans/span-dict.ts'
import type {
  StartTraceInput,
  StoredTrace,
  TraceInfoRecord,
} from '../../stores/traces/trace-store.ts'

/** Longest metadata key and value in answers, in characters. */
export const MAX_METADATA_CHARS = 250
/** Longest tag key in answers, in characters. */
export const MAX_TAG_KEY_CHARS = 250
/** Longest tag value in answers, in characters. */
export const MAX_TAG_VALUE_CHARS = 4096

function cut(text: string, limit: number): string {
  if (text.length <= limit) return text
  const characters = Array.from(text)
  return characters.length <= limit ? text : characters.slice(0, limit).join('')
}

/**
 * A map with keys and values cut to their limits (in characters); `undefined` when empty.
 *
 * @example
 * cutMap({ key: 'x'.repeat(300) }, 250, 250) // { key: 'xxx…' } (250 characters)
 */
export function cutMap(
  entries: Record<string, string>,
  keyLimit: number,
  valueLimit: number,
): Record<string, string> | undefined {
  const result: Record<string, string> = {}
  for (const [key, value] of Object.entries(entries)) {
    result[cut(key, keyLimit)] = cut(value, valueLimit)
  }
  return Object.keys(result).length === 0 ? undefined : result
}

function missing(name: string): MlflowError {
  return MlflowError.invalidParameterValue(
    `Missing value for required parameter '${name}'. See the API docs for more information ` +
      'about request parameters.',
  )
}

/**
 * The store input of a StartTraceV3 request's trace info.
 *
 * @throws MlflowError `INVALID_PARAMETER_VALUE` when the info or its experiment is missing.
 * @example
 * const input = startTraceInput(request.trace.traceInfo)
 */
export function startTraceInput(info: TraceInfoV3 | undefined): StartTraceInput {
  if (info === undefined) throw missing('trace.trace_info')
  const experimentId = info.traceLocation?.mlflowExperiment?.experimentId
  if (experimentId === undefined || experimentId === '') {
    throw missing('trace.trace_info.trace_location.mlflow_experiment.experiment_id')
  }
  const input: StartTraceInput = {
    traceId: info.traceId ?? '',
    experimentId,
    requestTime: info.requestTime === undefined ? 0 : (timestampToMillis(info.requestTime) ?? 0),
    executionDuration:
      info.executionDuration === undefined ? undefined : durationToMillis(info.executionDuration),
    state: info.state ?? 'STATE_UNSPECIFIED',
    traceMetadata: info.traceMetadata ?? {},
    tags: info.tags ?? {},
    assessments: info.assessments,
  }
  if (info.clientRequestId !== undefined) input.clientRequestId = info.clientRequestId
  if (info.requestPreview !== undefined) input.requestPreview = info.requestPreview
  if (info.responsePreview !== undefined) input.responsePreview = info.responsePreview
  return input
}

/**
 * A stored info as `TraceInfoV3`.
 *
 * @example
 * const wire = traceInfoV3(info) // { traceId, traceLocation, requestTime: '2025-…Z', … }
 */
export function traceInfoV3(info: TraceInfoRecord): TraceInfoV3 {
  const result: TraceInfoV3 = {
    traceId: info.traceId,
    traceLocation: experimentTraceLocation(info.experimentId),
    requestTime: millisToTimestamp(info.requestTime),
    state: info.state,
    assessments: info.assessments,
  }
  if (info.clientRequestId !== undefined) result.clientRequestId = info.clientRequestId
  if (info.requestPreview !== undefined) result.requestPreview = info.requestPreview
  if (info.responsePreview !== undefined) result.responsePreview = info.responsePreview
  if (info.executionDuration !== undefined) {
    result.executionDuration = millisToDuration(info.executionDuration)
  }
  const metadata = cutMap(info.traceMetadata, MAX_METADATA_CHARS, MAX_METADATA_CHARS)
  if (metadata !== undefined) result.traceMetadata = metadata
  const tags = cutMap(info.tags, MAX_TAG_KEY_CHARS, MAX_TAG_VALUE_CHARS)
  if (tags !== undefined) result.tags = tags
  return result
}

/**
 * A stored info as the legacy v2 `TraceInfo`.
 *
 * @example
 * traceInfoV2(info) // { requestId, experimentId, timestampMs, executionTimeMs, status, … }
 */
export function traceInfoV2(info: TraceInfoRecord): TraceInfoV2 {
  const pairs = (entries: Record<string, string> | undefined) =>
    Object.entries(entries ?? {}).map(([key, value]) => ({ key, value }))
  const result: TraceInfoV2 = {
    requestId: info.traceId,
    experimentId: info.experimentId,
    timestampMs: info.requestTime,
    status: traceStateToStatus(info.state),
    requestMetadata: pairs(cutMap(info.traceMetadata, MAX_METADATA_CHARS, MAX_METADATA_CHARS)),
    tags: pairs(cutMap(info.tags, MAX_TAG_KEY_CHARS, MAX_TAG_VALUE_CHARS)),
  }
  if (info.executionDuration !== undefined) result.executionTimeMs = info.executionDuration
  return result
}

/**
 * A stored trace with its spans in OpenTelemetry proto JSON.
 *
 * @example
 * const trace = traceWithSpans(stored) // { traceInfo, spans: [{ traceId: 'pO4P…', … }] }
 */
export function traceWithSpans(stored: StoredTrace): Trace {
  return {
    traceInfo: traceInfoV3(stored.info),
    spans: stored.spanDicts.map((dict) => otelSpanJson(spanRecordFromDictJson(dict))),
  }
}
