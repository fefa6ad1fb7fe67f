/**
 * @module decode-export-request-json
 * Decodes an OTLP/JSON `ExportTraceServiceRequest` into the {@link OtlpExportRequest} model.
 * OTLP JSON differs from protobuf's JSON mapping in its ids: `traceId`, `spanId` and
 * `parentSpanId` are hex, not base64 (MLflow converts them before parsing; ids under their
 * snake_case proto names stay base64, as protobuf reads them; link ids follow the same rule,
 * where MLflow reads them as base64 either way). Field names are accepted in
 * camelCase and snake_case, 64-bit integers as numbers or strings, enums by name or number;
 * unknown fields are ignored.
 */
import { parseJsonBigIntSafe } from '@dspyflow/mlflow/protocol'
import { hexToBytes } from '../hex.ts'
import {
  EMPTY_BYTES,
  emptyOtlpSpan,
  type OtlpAnyValue,
  type OtlpEvent,
  type OtlpExportRequest,
  type OtlpKeyValue,
  type OtlpLink,
  type OtlpResourceSpans,
  type OtlpSpan,
} from '../otlp-model.ts'
import {
  base64Value,
  boolValue,
  doubleValue,
  enumValue,
  field,
  fixed64Value,
  int64Value,
  isJsonObject,
  type JsonObject,
  listValue,
  messageValue,
  OtlpJsonError,
  stringValue,
} from './json-scalars.ts'

/** Nesting limit of attribute values (arrays and maps), as protobuf's decoder has. */
const MAX_VALUE_DEPTH = 96

const SPAN_KIND_NAMES = [
  'SPAN_KIND_UNSPECIFIED',
  'SPAN_KIND_INTERNAL',
  'SPAN_KIND_SERVER',
  'SPAN_KIND_CLIENT',
  'SPAN_KIND_PRODUCER',
  'SPAN_KIND_CONSUMER',
]
const STATUS_CODE_NAMES = ['STATUS_CODE_UNSET', 'STATUS_CODE_OK', 'STATUS_CODE_ERROR']

const ANY_VALUE_FIELDS = [
  ['stringValue', 'string_value'],
  ['boolValue', 'bool_value'],
  ['intValue', 'int_value'],
  ['doubleValue', 'double_value'],
  ['arrayValue', 'array_value'],
  ['kvlistValue', 'kvlist_value'],
  ['bytesValue', 'bytes_value'],
] as const

/**
 * Decodes OTLP JSON text.
 *
 * @throws OtlpJsonError when the text is not JSON or not an `ExportTraceServiceRequest`.
 * @example
 * const request = decodeExportRequestJson('{"resourceSpans":[{"scopeSpans":[{"spans":[' +
 *   '{"traceId":"0af7651916cd43dd8448eb211c80319c","spanId":"b7ad6b7169203331","name":"x"}]}]}]}')
 * request.resourceSpans[0]?.scopeSpans[0]?.spans[0]?.name // 'x'
 */
export function decodeExportRequestJson(text: string): OtlpExportRequest {
  let root: unknown
  try {
    root = parseJsonBigIntSafe(text)
  } catch (error) {
    throw new OtlpJsonError(`not JSON: ${error instanceof Error ? error.message : String(error)}`)
  }
  if (!isJsonObject(root)) throw new OtlpJsonError('the payload must be a JSON object')
  const resourceSpans = listValue(field(root, 'resourceSpans', 'resource_spans'), 'resourceSpans')
  return { resourceSpans: resourceSpans.map(readResourceSpans) }
}

function readResourceSpans(value: unknown): OtlpResourceSpans {
  const object = requireObject(value, 'resourceSpans')
  const resource = messageValue(field(object, 'resource', 'resource'), 'resource')
  const scopeSpans = listValue(field(object, 'scopeSpans', 'scope_spans'), 'scopeSpans')
  return {
    resourceAttributes: resource === undefined ? [] : readAttributes(resource, 'attributes'),
    scopeSpans: scopeSpans.map((item) => {
      const scope = requireObject(item, 'scopeSpans')
      return { spans: listValue(field(scope, 'spans', 'spans'), 'spans').map(readSpan) }
    }),
  }
}

function readSpan(value: unknown): OtlpSpan {
  const object = requireObject(value, 'span')
  const span = emptyOtlpSpan()
  span.traceId = readId(object, 'traceId', 'trace_id')
  span.spanId = readId(object, 'spanId', 'span_id')
  span.parentSpanId = readId(object, 'parentSpanId', 'parent_span_id')
  span.traceState = stringValue(field(object, 'traceState', 'trace_state'), 'traceState')
  span.name = stringValue(field(object, 'name', 'name'), 'name')
  span.kind = enumValue(field(object, 'kind', 'kind'), SPAN_KIND_NAMES, 'kind') ?? 0
  span.startTimeUnixNano = fixed64Value(
    field(object, 'startTimeUnixNano', 'start_time_unix_nano'),
    'startTimeUnixNano',
  )
  span.endTimeUnixNano = fixed64Value(
    field(object, 'endTimeUnixNano', 'end_time_unix_nano'),
    'endTimeUnixNano',
  )
  span.attributes = readAttributes(object, 'attributes')
  span.events = listValue(field(object, 'events', 'events'), 'events').map(readEvent)
  span.links = listValue(field(object, 'links', 'links'), 'links').map(readLink)
  const status = messageValue(field(object, 'status', 'status'), 'status')
  if (status !== undefined) {
    span.status.message = stringValue(field(status, 'message', 'message'), 'status.message')
    span.status.code = enumValue(field(status, 'code', 'code'), STATUS_CODE_NAMES, 'code') ?? 0
  }
  return span
}

/** OTLP JSON ids: hex under their JSON name, base64 under their proto name. */
function readId(object: JsonObject, jsonName: string, protoName: string): Uint8Array {
  if (Object.hasOwn(object, jsonName) && object[jsonName] !== null) {
    const value = object[jsonName]
    if (typeof value !== 'string') throw new OtlpJsonError(`${jsonName} must be a hex string`)
    if (value === '') return EMPTY_BYTES
    const bytes = hexToBytes(value)
    if (bytes === undefined) throw new OtlpJsonError(`${jsonName} must be hex`)
    return bytes
  }
  return base64Value(field(object, jsonName, protoName), protoName)
}

function readEvent(value: unknown): OtlpEvent {
  const object = requireObject(value, 'event')
  return {
    timeUnixNano: fixed64Value(field(object, 'timeUnixNano', 'time_unix_nano'), 'timeUnixNano'),
    name: stringValue(field(object, 'name', 'name'), 'event.name'),
    attributes: readAttributes(object, 'attributes'),
  }
}

function readLink(value: unknown): OtlpLink {
  const object = requireObject(value, 'link')
  return {
    traceId: readId(object, 'traceId', 'trace_id'),
    spanId: readId(object, 'spanId', 'span_id'),
    attributes: readAttributes(object, 'attributes'),
  }
}

function readAttributes(object: JsonObject, name: string, depth = 0): OtlpKeyValue[] {
  return listValue(field(object, name, name), name).map((item) => {
    const keyValue = requireObject(item, 'attribute')
    const value = messageValue(field(keyValue, 'value', 'value'), 'value')
    return {
      key: stringValue(field(keyValue, 'key', 'key'), 'key'),
      value: value === undefined ? null : readAnyValue(value, depth),
    }
  })
}

function readAnyValue(object: JsonObject, depth: number): OtlpAnyValue {
  if (depth > MAX_VALUE_DEPTH) throw new OtlpJsonError('attribute values nested too deeply')
  let member: (typeof ANY_VALUE_FIELDS)[number][0] | undefined
  let raw: unknown
  for (const [jsonName, protoName] of ANY_VALUE_FIELDS) {
    const value = field(object, jsonName, protoName)
    if (value === undefined) continue
    if (member !== undefined) throw new OtlpJsonError('AnyValue sets more than one value')
    member = jsonName
    raw = value
  }
  switch (member) {
    case undefined:
      return null
    case 'stringValue':
      return stringValue(raw, member)
    case 'boolValue':
      return boolValue(raw, member)
    case 'intValue':
      return int64Value(raw, member)
    case 'doubleValue':
      return doubleValue(raw, member)
    case 'bytesValue':
      return base64Value(raw, member)
    case 'arrayValue': {
      const array = messageValue(raw, member) ?? {}
      return listValue(field(array, 'values', 'values'), 'values').map((item) =>
        readAnyValue(requireObject(item, 'value'), depth + 1),
      )
    }
    case 'kvlistValue':
      return { kvlist: readAttributes(messageValue(raw, member) ?? {}, 'values', depth + 1) }
  }
}

function requireObject(value: unknown, name: string): JsonObject {
  if (!isJsonObject(value)) throw new OtlpJsonError(`${name} must be an object`)
  return value
}
