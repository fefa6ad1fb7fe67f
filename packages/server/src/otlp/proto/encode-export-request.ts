/**
 * @module encode-export-request
 * Encodes an OTLP `ExportTraceServiceRequest` as protobuf, as OpenTelemetry exporters (and the
 * MLflow Python client) send it to `POST /v1/traces`. Used by tests and the traces benchmark.
 */
import { hexToBytes } from '../hex.ts'
import {
  isKeyValueList,
  type OtlpAnyValue,
  type OtlpKeyValue,
  type OtlpStatus,
} from '../otlp-model.ts'
import { ProtoWriter } from './wire-writer.ts'

/** Attributes as a list (order and duplicates kept) or an object of decoded values. */
export type OtlpAttributesInput = readonly OtlpKeyValue[] | Readonly<Record<string, OtlpAnyValue>>

/** An id as lowercase or uppercase hex, or as raw bytes. */
export type OtlpIdInput = string | Uint8Array

/** A span to encode; omitted fields take their proto defaults. */
export interface OtlpSpanInput {
  traceId: OtlpIdInput
  spanId: OtlpIdInput
  parentSpanId?: OtlpIdInput
  traceState?: string
  name: string
  /** The proto `SpanKind` number (default 0, unspecified). */
  kind?: number
  startTimeUnixNano: bigint
  endTimeUnixNano?: bigint
  attributes?: OtlpAttributesInput
  events?: readonly { name: string; timeUnixNano: bigint; attributes?: OtlpAttributesInput }[]
  links?: readonly { traceId: OtlpIdInput; spanId: OtlpIdInput; attributes?: OtlpAttributesInput }[]
  status?: Partial<OtlpStatus>
}

/** An `ExportTraceServiceRequest` to encode. */
export interface OtlpExportRequestInput {
  resourceSpans: readonly {
    resourceAttributes?: OtlpAttributesInput
    scopeSpans: readonly {
      scope?: { name: string; version?: string }
      spans: readonly OtlpSpanInput[]
    }[]
  }[]
}

/**
 * The protobuf bytes of an `ExportTraceServiceRequest`. Attribute values follow the decoded
 * model: `bigint` → `int_value`, `number` → `double_value`, `Uint8Array` → `bytes_value`,
 * arrays → `array_value`, `{ kvlist }` → `kvlist_value`, `null` → an empty `AnyValue`.
 *
 * @throws TypeError for an id that is not hex.
 * @example
 * const body = encodeExportRequestProto({
 *   resourceSpans: [{ scopeSpans: [{ spans: [{
 *     traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331',
 *     name: 'root', startTimeUnixNano: 1n, endTimeUnixNano: 2n,
 *     attributes: { 'mlflow.spanType': '"LLM"' }, status: { code: 1 },
 *   }] }] }],
 * })
 * await fetch(`${url}/v1/traces`, { method: 'POST', body, headers: {
 *   'content-type': 'application/x-protobuf', 'x-mlflow-experiment-id': '1' } })
 */
export function encodeExportRequestProto(request: OtlpExportRequestInput): Uint8Array {
  const writer = new ProtoWriter()
  for (const resourceSpans of request.resourceSpans) {
    const resourceSpansAt = writer.begin(1)
    if (resourceSpans.resourceAttributes !== undefined) {
      const resourceAt = writer.begin(1)
      writeAttributes(writer, 1, resourceSpans.resourceAttributes)
      writer.end(resourceAt)
    }
    for (const scopeSpans of resourceSpans.scopeSpans) {
      const scopeSpansAt = writer.begin(2)
      if (scopeSpans.scope !== undefined) {
        const scopeAt = writer.begin(1)
        writer.string(1, scopeSpans.scope.name)
        writer.string(2, scopeSpans.scope.version ?? '')
        writer.end(scopeAt)
      }
      for (const span of scopeSpans.spans) writeSpan(writer, span)
      writer.end(scopeSpansAt)
    }
    writer.end(resourceSpansAt)
  }
  return writer.finish()
}

function writeSpan(writer: ProtoWriter, span: OtlpSpanInput): void {
  const spanAt = writer.begin(2)
  writer.bytes(1, idBytes(span.traceId))
  writer.bytes(2, idBytes(span.spanId))
  writer.string(3, span.traceState ?? '')
  if (span.parentSpanId !== undefined) writer.bytes(4, idBytes(span.parentSpanId))
  writer.string(5, span.name)
  writer.int32(6, span.kind ?? 0)
  writer.fixed64(7, span.startTimeUnixNano)
  writer.fixed64(8, span.endTimeUnixNano ?? 0n)
  if (span.attributes !== undefined) writeAttributes(writer, 9, span.attributes)
  for (const event of span.events ?? []) {
    const eventAt = writer.begin(11)
    writer.fixed64(1, event.timeUnixNano)
    writer.string(2, event.name)
    if (event.attributes !== undefined) writeAttributes(writer, 3, event.attributes)
    writer.end(eventAt)
  }
  for (const link of span.links ?? []) {
    const linkAt = writer.begin(13)
    writer.bytes(1, idBytes(link.traceId))
    writer.bytes(2, idBytes(link.spanId))
    if (link.attributes !== undefined) writeAttributes(writer, 4, link.attributes)
    writer.end(linkAt)
  }
  if (span.status !== undefined) {
    const statusAt = writer.begin(15)
    writer.string(2, span.status.message ?? '')
    writer.int32(3, span.status.code ?? 0)
    writer.end(statusAt)
  }
  writer.end(spanAt)
}

function writeAttributes(writer: ProtoWriter, field: number, attributes: OtlpAttributesInput) {
  const entries: Iterable<readonly [string, OtlpAnyValue]> = Array.isArray(attributes)
    ? (attributes as readonly OtlpKeyValue[]).map((kv) => [kv.key, kv.value] as const)
    : Object.entries(attributes)
  for (const [key, value] of entries) {
    const keyValueAt = writer.begin(field)
    writer.string(1, key)
    const valueAt = writer.begin(2)
    writeAnyValue(writer, value)
    writer.end(valueAt)
    writer.end(keyValueAt)
  }
}

function writeAnyValue(writer: ProtoWriter, value: OtlpAnyValue): void {
  if (value === null) return
  if (typeof value === 'string') writer.stringAlways(1, value)
  else if (typeof value === 'boolean') writer.bool(2, value, true)
  else if (typeof value === 'bigint') writer.int64(3, value, true)
  else if (typeof value === 'number') writer.double(4, value, true)
  else if (value instanceof Uint8Array) writer.bytesAlways(7, value)
  else if (Array.isArray(value)) {
    const arrayAt = writer.begin(5)
    for (const item of value) {
      const itemAt = writer.begin(1)
      writeAnyValue(writer, item)
      writer.end(itemAt)
    }
    writer.end(arrayAt)
  } else if (isKeyValueList(value)) {
    const listAt = writer.begin(6)
    writeAttributes(writer, 1, value.kvlist)
    writer.end(listAt)
  }
}

function idBytes(id: OtlpIdInput): Uint8Array {
  if (typeof id !== 'string') return id
  const bytes = hexToBytes(id)
  if (bytes === undefined) throw new TypeError(`Not a hex id: '${id}'`)
  return bytes
}
