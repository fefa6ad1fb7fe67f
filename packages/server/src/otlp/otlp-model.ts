/**
 * @module otlp-model
 * An OTLP `ExportTraceServiceRequest` as the decoders produce it, from protobuf or OTLP JSON,
 * before it becomes MLflow spans: ids as raw bytes, nanosecond times as `bigint`, attribute
 * values as decoded `AnyValue`s. Only the fields MLflow reads are kept (scopes, schema
 * URLs, flags and dropped counts are skipped).
 */

/** A decoded `KeyValueList` (a map attribute): entries in wire order, duplicates kept. */
export interface OtlpKeyValueList {
  readonly kvlist: OtlpKeyValue[]
}

/**
 * A decoded `AnyValue`: `null` when unset, `bigint` for `int_value`, `number` for
 * `double_value`, `Uint8Array` for `bytes_value`, an array for `array_value`, a
 * {@link OtlpKeyValueList} for `kvlist_value`.
 */
export type OtlpAnyValue =
  | null
  | string
  | boolean
  | bigint
  | number
  | Uint8Array
  | OtlpAnyValue[]
  | OtlpKeyValueList

/** One attribute. */
export interface OtlpKeyValue {
  key: string
  value: OtlpAnyValue
}

/** A span event. */
export interface OtlpEvent {
  timeUnixNano: bigint
  name: string
  attributes: OtlpKeyValue[]
}

/** A link to another span. */
export interface OtlpLink {
  traceId: Uint8Array
  spanId: Uint8Array
  attributes: OtlpKeyValue[]
}

/** A span status; `code` is the proto enum number (0 unset, 1 ok, 2 error). */
export interface OtlpStatus {
  code: number
  message: string
}

/** A span; empty ids are ids the sender left out. */
export interface OtlpSpan {
  traceId: Uint8Array
  spanId: Uint8Array
  traceState: string
  parentSpanId: Uint8Array
  name: string
  /** The proto `SpanKind` number. */
  kind: number
  startTimeUnixNano: bigint
  /** 0 when unset. */
  endTimeUnixNano: bigint
  attributes: OtlpKeyValue[]
  events: OtlpEvent[]
  links: OtlpLink[]
  status: OtlpStatus
}

/** The spans of one instrumentation scope. */
export interface OtlpScopeSpans {
  spans: OtlpSpan[]
}

/** The spans of one resource. */
export interface OtlpResourceSpans {
  resourceAttributes: OtlpKeyValue[]
  scopeSpans: OtlpScopeSpans[]
}

/** An `ExportTraceServiceRequest`. */
export interface OtlpExportRequest {
  resourceSpans: OtlpResourceSpans[]
}

/**
 * A span with every field at its proto default, for decoders to fill in.
 *
 * @example
 * const span = emptyOtlpSpan()
 * span.name = 'root'
 */
export function emptyOtlpSpan(): OtlpSpan {
  return {
    traceId: EMPTY_BYTES,
    spanId: EMPTY_BYTES,
    traceState: '',
    parentSpanId: EMPTY_BYTES,
    name: '',
    kind: 0,
    startTimeUnixNano: 0n,
    endTimeUnixNano: 0n,
    attributes: [],
    events: [],
    links: [],
    status: { code: 0, message: '' },
  }
}

/** The empty byte string (shared; never mutated). */
export const EMPTY_BYTES = new Uint8Array(0)

/**
 * Whether a decoded value is a `kvlist_value`.
 *
 * @example
 * isKeyValueList({ kvlist: [] }) // true
 */
export function isKeyValueList(value: OtlpAnyValue): value is OtlpKeyValueList {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Uint8Array)
  )
}
