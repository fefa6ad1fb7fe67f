/**
 * @module to-span-records
 * Turns a decoded OTLP request into the spans the trace store keeps, as MLflow 3.17's
 * `Span.from_otel_proto` does: ids read as big-endian integers (so short ids are left-padded, a
 * zero parent id means "root"), trace id `tr-` + 32 hex, attribute values JSON-encoded (and,
 * as MLflow's store does on the way in, not twice: see `storedAttributeText`),
 * `mlflow.traceRequestId` always set from the trace id (a client-sent value is not trusted),
 * status OK / ERROR / UNSET, events and links kept. A root span also gets the resource's `service.name`
 * when it names one of the agent CLIs MLflow knows.
 */
import type { SpanLinkRecord, SpanRecord, SpanStatusCode } from '../../stores/traces/span-record.ts'
import { bytesToHex } from '../hex.ts'
import { OtlpError } from '../otlp-error.ts'
import type {
  OtlpAnyValue,
  OtlpExportRequest,
  OtlpKeyValue,
  OtlpLink,
  OtlpSpan,
} from '../otlp-model.ts'
import { setOwn, toPlainAttributeValue } from './python-json.ts'
import { storedAttributeText } from './sanitize-attribute.ts'

/** The span attribute that names a span's MLflow trace. */
export const TRACE_REQUEST_ID_ATTRIBUTE = 'mlflow.traceRequestId'

/** Resource `service.name` values MLflow copies onto root spans (MLflow 3.17's allow-list). */
export const KNOWN_SERVICE_NAMES: ReadonlySet<string> = new Set([
  'claude-code',
  'codex_cli_rs',
  'codex_vscode',
  'gemini-cli',
  'qwen-code',
])

const SPAN_KINDS = [
  'SPAN_KIND_UNSPECIFIED',
  'SPAN_KIND_INTERNAL',
  'SPAN_KIND_SERVER',
  'SPAN_KIND_CLIENT',
  'SPAN_KIND_PRODUCER',
  'SPAN_KIND_CONSUMER',
]

const STATUS_CODES: readonly SpanStatusCode[] = [
  'STATUS_CODE_UNSET',
  'STATUS_CODE_OK',
  'STATUS_CODE_ERROR',
]

/**
 * The MLflow spans of a decoded request, in request order.
 *
 * @throws OtlpError 422 "Cannot convert OpenTelemetry span to MLflow span" for a span without a
 *   trace or span id, or with an id wider than OpenTelemetry's (128 / 64 bits).
 * @example
 * const spans = toSpanRecords(decodeExportRequestProto(body))
 * spans[0]?.traceId // 'tr-0af7651916cd43dd8448eb211c80319c'
 */
export function toSpanRecords(request: OtlpExportRequest): SpanRecord[] {
  const records: SpanRecord[] = []
  for (const resourceSpans of request.resourceSpans) {
    const serviceName = knownServiceName(resourceSpans.resourceAttributes)
    for (const scopeSpans of resourceSpans.scopeSpans) {
      for (const span of scopeSpans.spans) records.push(toSpanRecord(span, serviceName))
    }
  }
  return records
}

function toSpanRecord(span: OtlpSpan, serviceName: string | undefined): SpanRecord {
  if (span.traceId.length === 0) throw OtlpError.cannotConvert('trace_id is required')
  if (span.spanId.length === 0) throw OtlpError.cannotConvert('span_id is required')
  const traceHex = idHex(span.traceId, 16, 'trace_id')
  const traceId = `tr-${traceHex}`
  const parentHex =
    span.parentSpanId.length === 0 ? undefined : idHex(span.parentSpanId, 8, 'parent_span_id')
  const parentSpanId = parentHex === undefined || /^0+$/.test(parentHex) ? undefined : parentHex
  const attributes: Record<string, string> = {}
  for (const { key, value } of span.attributes) {
    setOwn(attributes, key, storedAttributeText(value))
  }
  attributes[TRACE_REQUEST_ID_ATTRIBUTE] = JSON.stringify(traceId)
  if (parentSpanId === undefined && serviceName !== undefined) {
    attributes['service.name'] = JSON.stringify(serviceName)
  }
  return {
    traceId,
    spanId: idHex(span.spanId, 8, 'span_id'),
    parentSpanId,
    name: span.name,
    kind: SPAN_KINDS[span.kind] ?? 'SPAN_KIND_UNSPECIFIED',
    traceState: span.traceState,
    startTimeUnixNano: span.startTimeUnixNano,
    endTimeUnixNano: span.endTimeUnixNano === 0n ? undefined : span.endTimeUnixNano,
    statusCode: STATUS_CODES[span.status.code] ?? 'STATUS_CODE_UNSET',
    statusMessage: span.status.message,
    attributes,
    events: span.events.map((event) => {
      const eventAttributes: Record<string, unknown> = {}
      for (const { key, value } of event.attributes) {
        setOwn(eventAttributes, key, toPlainAttributeValue(value))
      }
      return { name: event.name, timeUnixNano: event.timeUnixNano, attributes: eventAttributes }
    }),
    ...(span.links.length === 0 ? {} : { links: span.links.map(toLinkRecord) }),
  }
}

/**
 * A link as MLflow's `Link.from_otel_proto` reads it: ids as integers printed in hex (never
 * refused), top-level bytes attributes as base64, no attributes as `undefined`.
 */
function toLinkRecord(link: OtlpLink): SpanLinkRecord {
  const record: SpanLinkRecord = {
    traceId: `tr-${looseIdHex(link.traceId, 16)}`,
    spanId: looseIdHex(link.spanId, 8),
  }
  if (link.attributes.length > 0) {
    const attributes: Record<string, unknown> = {}
    for (const { key, value } of link.attributes) {
      const plain =
        value instanceof Uint8Array
          ? Buffer.from(value).toString('base64')
          : toPlainAttributeValue(value)
      setOwn(attributes, key, plain)
    }
    record.attributes = attributes
  }
  return record
}

/** An id as a hex integer of at least `width` bytes (wider ones keep their significant bytes). */
function looseIdHex(bytes: Uint8Array, width: number): string {
  let start = 0
  while (start < bytes.length - width && bytes[start] === 0) start++
  const significant = bytes.subarray(start)
  return '00'.repeat(Math.max(0, width - significant.length)) + bytesToHex(significant)
}

/** The id as a fixed-width hex number (`width` bytes); wider non-zero ids cannot be converted. */
function idHex(bytes: Uint8Array, width: number, field: string): string {
  let start = 0
  while (start < bytes.length - width && bytes[start] === 0) start++
  const significant = bytes.subarray(start)
  if (significant.length > width)
    throw OtlpError.cannotConvert(`${field} is wider than ${width} bytes`)
  return '00'.repeat(width - significant.length) + bytesToHex(significant)
}

/** The resource's `service.name`, when it is one MLflow copies onto root spans. */
function knownServiceName(attributes: readonly OtlpKeyValue[]): string | undefined {
  const attribute = attributes.find(({ key }) => key === 'service.name')
  if (attribute === undefined || attribute.value === null) return undefined
  const name = pythonStr(attribute.value)
  return name !== undefined && KNOWN_SERVICE_NAMES.has(name) ? name : undefined
}

/** Python's `str()` of a decoded scalar (only strings can name a known service). */
function pythonStr(value: OtlpAnyValue): string | undefined {
  return typeof value === 'string' ? value : undefined
}
