/**
 * @module decode-export-request
 * Decodes a protobuf `ExportTraceServiceRequest` (opentelemetry-proto `trace/v1`) into the
 * {@link OtlpExportRequest} model, with protobuf's rules: unknown fields and fields sent with the
 * wrong wire type are skipped, a singular message field sent twice is merged, the last value of
 * a scalar wins, and the last member of a `oneof` wins.
 */
import {
  EMPTY_BYTES,
  emptyOtlpSpan,
  isKeyValueList,
  type OtlpAnyValue,
  type OtlpEvent,
  type OtlpExportRequest,
  type OtlpKeyValue,
  type OtlpLink,
  type OtlpResourceSpans,
  type OtlpSpan,
} from '../otlp-model.ts'
import { ProtoReader } from './wire-reader.ts'

// Tags (field number << 3 | wire type) of the fields kept.
const LEN = 2
const tagOf = (field: number, wireType: number) => (field << 3) | wireType
const T_LEN_1 = tagOf(1, LEN)
const T_LEN_2 = tagOf(2, LEN)
const T_LEN_3 = tagOf(3, LEN)
const T_LEN_4 = tagOf(4, LEN)
const T_LEN_5 = tagOf(5, LEN)
const T_LEN_6 = tagOf(6, LEN)
const T_LEN_7 = tagOf(7, LEN)
const T_LEN_9 = tagOf(9, LEN)
const T_LEN_11 = tagOf(11, LEN)
const T_LEN_13 = tagOf(13, LEN)
const T_LEN_15 = tagOf(15, LEN)
const T_VARINT_2 = tagOf(2, 0)
const T_VARINT_3 = tagOf(3, 0)
const T_VARINT_6 = tagOf(6, 0)
const T_FIXED64_1 = tagOf(1, 1)
const T_FIXED64_4 = tagOf(4, 1)
const T_FIXED64_7 = tagOf(7, 1)
const T_FIXED64_8 = tagOf(8, 1)

/**
 * Decodes a protobuf `ExportTraceServiceRequest`.
 *
 * @throws ProtoDecodeError when the bytes are not a valid message.
 * @example
 * const request = decodeExportRequestProto(new Uint8Array(await response.arrayBuffer()))
 * request.resourceSpans[0]?.scopeSpans[0]?.spans[0]?.name
 */
export function decodeExportRequestProto(bytes: Uint8Array): OtlpExportRequest {
  const reader = new ProtoReader(bytes)
  const request: OtlpExportRequest = { resourceSpans: [] }
  while (reader.pos < reader.end) {
    const tag = reader.tag()
    if (tag === T_LEN_1) {
      const resourceSpans: OtlpResourceSpans = { resourceAttributes: [], scopeSpans: [] }
      const outer = reader.enter()
      readResourceSpans(reader, resourceSpans)
      reader.leave(outer)
      request.resourceSpans.push(resourceSpans)
    } else {
      reader.skip(tag)
    }
  }
  return request
}

function readResourceSpans(reader: ProtoReader, target: OtlpResourceSpans): void {
  while (reader.pos < reader.end) {
    const tag = reader.tag()
    if (tag === T_LEN_1) {
      // Resource: attributes (1); a resource sent twice merges.
      const outer = reader.enter()
      readAttributesOnly(reader, target.resourceAttributes)
      reader.leave(outer)
    } else if (tag === T_LEN_2) {
      const spans: OtlpSpan[] = []
      const outer = reader.enter()
      readScopeSpans(reader, spans)
      reader.leave(outer)
      target.scopeSpans.push({ spans })
    } else {
      reader.skip(tag)
    }
  }
}

function readAttributesOnly(reader: ProtoReader, attributes: OtlpKeyValue[]): void {
  while (reader.pos < reader.end) {
    const tag = reader.tag()
    if (tag === T_LEN_1) attributes.push(readKeyValue(reader))
    else reader.skip(tag)
  }
}

function readScopeSpans(reader: ProtoReader, spans: OtlpSpan[]): void {
  while (reader.pos < reader.end) {
    const tag = reader.tag()
    if (tag === T_LEN_2) {
      const span = emptyOtlpSpan()
      const outer = reader.enter()
      readSpan(reader, span)
      reader.leave(outer)
      spans.push(span)
    } else {
      reader.skip(tag)
    }
  }
}

function readSpan(reader: ProtoReader, span: OtlpSpan): void {
  while (reader.pos < reader.end) {
    const tag = reader.tag()
    switch (tag) {
      case T_LEN_1:
        span.traceId = reader.bytes()
        break
      case T_LEN_2:
        span.spanId = reader.bytes()
        break
      case T_LEN_3:
        span.traceState = reader.string()
        break
      case T_LEN_4:
        span.parentSpanId = reader.bytes()
        break
      case T_LEN_5:
        span.name = reader.string()
        break
      case T_VARINT_6:
        span.kind = reader.int32()
        break
      case T_FIXED64_7:
        span.startTimeUnixNano = reader.fixed64()
        break
      case T_FIXED64_8:
        span.endTimeUnixNano = reader.fixed64()
        break
      case T_LEN_9:
        span.attributes.push(readKeyValue(reader))
        break
      case T_LEN_11: {
        const event: OtlpEvent = { timeUnixNano: 0n, name: '', attributes: [] }
        const outer = reader.enter()
        readEvent(reader, event)
        reader.leave(outer)
        span.events.push(event)
        break
      }
      case T_LEN_13: {
        const link: OtlpLink = { traceId: EMPTY_BYTES, spanId: EMPTY_BYTES, attributes: [] }
        const outer = reader.enter()
        readLink(reader, link)
        reader.leave(outer)
        span.links.push(link)
        break
      }
      case T_LEN_15: {
        const outer = reader.enter()
        readStatus(reader, span)
        reader.leave(outer)
        break
      }
      default:
        reader.skip(tag)
    }
  }
}

function readEvent(reader: ProtoReader, event: OtlpEvent): void {
  while (reader.pos < reader.end) {
    const tag = reader.tag()
    if (tag === T_FIXED64_1) event.timeUnixNano = reader.fixed64()
    else if (tag === T_LEN_2) event.name = reader.string()
    else if (tag === T_LEN_3) event.attributes.push(readKeyValue(reader))
    else reader.skip(tag)
  }
}

function readLink(reader: ProtoReader, link: OtlpLink): void {
  while (reader.pos < reader.end) {
    const tag = reader.tag()
    if (tag === T_LEN_1) link.traceId = reader.bytes()
    else if (tag === T_LEN_2) link.spanId = reader.bytes()
    else if (tag === T_LEN_4) link.attributes.push(readKeyValue(reader))
    else reader.skip(tag)
  }
}

function readStatus(reader: ProtoReader, span: OtlpSpan): void {
  while (reader.pos < reader.end) {
    const tag = reader.tag()
    if (tag === T_LEN_2) span.status.message = reader.string()
    else if (tag === T_VARINT_3) span.status.code = reader.int32()
    else reader.skip(tag)
  }
}

/** Reads a length-delimited `KeyValue` at the reader's position. */
function readKeyValue(reader: ProtoReader): OtlpKeyValue {
  const outer = reader.enter()
  const keyValue: OtlpKeyValue = { key: '', value: null }
  while (reader.pos < reader.end) {
    const tag = reader.tag()
    if (tag === T_LEN_1) keyValue.key = reader.string()
    else if (tag === T_LEN_2) keyValue.value = readAnyValue(reader, keyValue.value)
    else reader.skip(tag)
  }
  reader.leave(outer)
  return keyValue
}

/** Reads a length-delimited `AnyValue`, merged into `previous` as protobuf merges messages. */
function readAnyValue(reader: ProtoReader, previous: OtlpAnyValue): OtlpAnyValue {
  const outer = reader.enter()
  let value = previous
  while (reader.pos < reader.end) {
    const tag = reader.tag()
    switch (tag) {
      case T_LEN_1:
        value = reader.string()
        break
      case T_VARINT_2:
        value = reader.bool()
        break
      case T_VARINT_3:
        value = reader.int64()
        break
      case T_FIXED64_4:
        value = reader.double()
        break
      case T_LEN_5: {
        const values = Array.isArray(value) ? value : []
        const inner = reader.enter()
        while (reader.pos < reader.end) {
          const itemTag = reader.tag()
          if (itemTag === T_LEN_1) values.push(readAnyValue(reader, null))
          else reader.skip(itemTag)
        }
        reader.leave(inner)
        value = values
        break
      }
      case T_LEN_6: {
        const list = isKeyValueList(value) ? value : { kvlist: [] }
        const inner = reader.enter()
        readAttributesOnly(reader, list.kvlist)
        reader.leave(inner)
        value = list
        break
      }
      case T_LEN_7:
        value = reader.bytes()
        break
      default:
        reader.skip(tag)
    }
  }
  reader.leave(outer)
  return value
}
