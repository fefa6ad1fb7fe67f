/**
 * @module traces entities
 * Traces as zod schemas (camelCase) and their TypeScript types: `TraceInfoV3`, `Trace` with
 * OpenTelemetry spans in protobuf JSON, `TraceLocation`, the legacy v2 `TraceInfo`, the
 * `traces.json` span format, and the protobuf Timestamp / Duration helpers.
 */
export {
  type AnyValue,
  anyValueSchema,
  type KeyValue,
  keyValueSchema,
  OTEL_SPAN_KIND_NUMBERS,
  OTEL_STATUS_CODE_NUMBERS,
  type OtelSpan,
  type OtelStatusCode,
  otelSpanEventSchema,
  otelSpanKindSchema,
  otelSpanLinkSchema,
  otelSpanSchema,
  otelStatusCodeSchema,
} from './otel-span.ts'
export {
  durationToMillis,
  millisToDuration,
  millisToTimestamp,
  protoDurationSchema,
  protoTimestampSchema,
  timestampToMillis,
} from './proto-time.ts'
export { type Trace, traceSchema } from './trace.ts'
export {
  type TraceInfoV2,
  type TraceKeyValue,
  traceInfoV2Schema,
  traceKeyValueSchema,
} from './trace-info-v2.ts'
export { type TraceInfoV3, traceInfoV3Schema } from './trace-info-v3.ts'
export {
  experimentTraceLocation,
  TRACE_LOCATION_TYPE_NUMBERS,
  type TraceLocation,
  type TraceLocationType,
  traceLocationSchema,
  traceLocationTypeSchema,
} from './trace-location.ts'
export {
  TRACE_STATE_NUMBERS,
  TRACE_STATUS_NUMBERS,
  type TraceState,
  type TraceStatus,
  traceStateSchema,
  traceStateToStatus,
  traceStatusSchema,
  traceStatusToState,
} from './trace-state.ts'
export {
  type TracesJson,
  type TracesJsonSpan,
  tracesJsonSchema,
  tracesJsonSpanSchema,
} from './traces-json-span.ts'
