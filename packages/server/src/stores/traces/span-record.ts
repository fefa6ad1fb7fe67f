/**
 * @module span-record
 * One span as the trace store keeps it, whatever way it arrived (OTLP protobuf or JSON, a
 * client's `traces.json`). The OTLP decoder produces these; the trace store writes them.
 * Ids are lowercase hex; times are exact nanoseconds (`bigint`, they exceed 2^53).
 */

/** An OpenTelemetry span status code, by its proto enum name. */
export type SpanStatusCode = 'STATUS_CODE_UNSET' | 'STATUS_CODE_OK' | 'STATUS_CODE_ERROR'

/** A span event; its attribute values are plain (decoded) values. */
export interface SpanEventRecord {
  name: string
  timeUnixNano: bigint
  attributes: Record<string, unknown>
}

/** A link from a span to another span (possibly of another trace). */
export interface SpanLinkRecord {
  /** The MLflow trace id of the linked span: `tr-` + 32 hex. */
  traceId: string
  /** 16 lowercase hex characters. */
  spanId: string
  /** Plain (decoded) values; absent when the link has none. */
  attributes?: Record<string, unknown>
}

/** One span. */
export interface SpanRecord {
  /** The MLflow trace id: `tr-` + the 32-hex OpenTelemetry trace id. */
  traceId: string
  /** 16 lowercase hex characters. */
  spanId: string
  /** 16 lowercase hex characters; `undefined` for a root span. */
  parentSpanId: string | undefined
  name: string
  /** The proto enum name, e.g. `SPAN_KIND_INTERNAL`. */
  kind: string
  traceState: string
  startTimeUnixNano: bigint
  /** `undefined` while the span has not ended. */
  endTimeUnixNano: bigint | undefined
  statusCode: SpanStatusCode
  statusMessage: string
  /**
   * Attribute values JSON-encoded, as MLflow stores them: the string `LLM` is kept as `"LLM"`
   * (with the quotes). `mlflow.traceRequestId` is always present.
   */
  attributes: Record<string, string>
  events: SpanEventRecord[]
  /** Links to other spans (optional: decoders that drop links leave it out). */
  links?: SpanLinkRecord[]
}
