/**
 * @module span-dict
 * A span as MLflow's span dict (spec §6.8): the JSON text the tracking store keeps as span
 * content and `traces.json` holds, byte for byte as MLflow writes it (key order, Python
 * separators), and back.
 */
import { parseJsonBigIntSafe } from '@dspyflow/mlflow/protocol'
import type { SpanRecord, SpanStatusCode } from '../span-record.ts'
import { pythonJsonText } from './python-json.ts'
import { base64ToHex, hexToBase64, isBase64Id, traceIdToBase64 } from './span-ids.ts'

/**
 * The span dict JSON text of a span.
 *
 * @example
 * spanDictJson(record)
 * // '{"trace_id": "pO4P…", "span_id": "TSqw…", "parent_span_id": null, "name": "outer", …}'
 */
export function spanDictJson(span: SpanRecord): string {
  return pythonJsonText({
    trace_id: traceIdToBase64(span.traceId),
    span_id: hexToBase64(span.spanId),
    parent_span_id: span.parentSpanId === undefined ? null : hexToBase64(span.parentSpanId),
    name: span.name,
    start_time_unix_nano: span.startTimeUnixNano,
    end_time_unix_nano: span.endTimeUnixNano ?? null,
    events: span.events.map((event) => ({
      name: event.name,
      time_unix_nano: event.timeUnixNano,
      attributes: event.attributes,
    })),
    status: { code: span.statusCode, message: span.statusMessage },
    attributes: span.attributes,
    links: (span.links ?? []).map((link) => ({
      trace_id: link.traceId,
      span_id: link.spanId,
      attributes: link.attributes ?? null,
    })),
  })
}

/**
 * `traces.json` text of spans already in span dict form: `{"spans":[<dict>,<dict>]}`, the way
 * MLflow's server assembles it from stored content.
 *
 * @example
 * tracesJsonText([spanDictJson(root), spanDictJson(child)])
 */
export function tracesJsonText(spanDicts: readonly string[]): string {
  return `{"spans":[${spanDicts.join(',')}]}`
}

const statusNames: Record<string, SpanStatusCode> = {
  STATUS_CODE_OK: 'STATUS_CODE_OK',
  STATUS_CODE_ERROR: 'STATUS_CODE_ERROR',
  STATUS_CODE_UNSET: 'STATUS_CODE_UNSET',
  OK: 'STATUS_CODE_OK',
  ERROR: 'STATUS_CODE_ERROR',
  UNSET: 'STATUS_CODE_UNSET',
}

/**
 * Reads span dict JSON text (the current layout, or MLflow 3.5's with hex / `tr-` ids) back into
 * a span record.
 *
 * @throws SyntaxError when the text is not a span dict.
 * @example
 * spanRecordFromDictJson(spanDictJson(record)) // equal to record (kind and trace state aside)
 */
export function spanRecordFromDictJson(text: string): SpanRecord {
  const dict = parseJsonBigIntSafe(text) as Record<string, unknown>
  if (typeof dict !== 'object' || dict === null || typeof dict.span_id !== 'string') {
    throw new SyntaxError('Not a span dict')
  }
  const status = (dict.status ?? {}) as Record<string, unknown>
  const rawTraceId = String(dict.trace_id ?? '')
  const base64 = isBase64Id(String(dict.span_id))
  const traceId = rawTraceId.startsWith('tr-')
    ? rawTraceId
    : `tr-${base64 ? base64ToHex(rawTraceId) : rawTraceId}`
  const toHex = (id: string) => (base64 ? base64ToHex(id) : id)
  const parent = dict.parent_span_id
  return {
    traceId,
    spanId: toHex(String(dict.span_id)),
    parentSpanId: typeof parent === 'string' && parent !== '' ? toHex(parent) : undefined,
    name: String(dict.name ?? ''),
    kind: 'SPAN_KIND_UNSPECIFIED',
    traceState: '',
    startTimeUnixNano: toBigInt(dict.start_time_unix_nano) ?? 0n,
    endTimeUnixNano: toBigInt(dict.end_time_unix_nano),
    statusCode: statusNames[String(status.code)] ?? 'STATUS_CODE_UNSET',
    statusMessage: typeof status.message === 'string' ? status.message : '',
    attributes: stringAttributes(dict.attributes),
    events: Array.isArray(dict.events)
      ? dict.events.map((event) => {
          const item = event as Record<string, unknown>
          return {
            name: String(item.name ?? ''),
            timeUnixNano: toBigInt(item.time_unix_nano) ?? 0n,
            attributes: (item.attributes ?? {}) as Record<string, unknown>,
          }
        })
      : [],
    links: Array.isArray(dict.links)
      ? dict.links.map((link) => {
          const item = link as Record<string, unknown>
          const attributes = item.attributes as Record<string, unknown> | null | undefined
          return {
            traceId: String(item.trace_id ?? ''),
            spanId: String(item.span_id ?? ''),
            ...(attributes ? { attributes } : {}),
          }
        })
      : [],
  }
}

function toBigInt(value: unknown): bigint | undefined {
  if (typeof value === 'bigint') return value
  if (typeof value === 'number' && Number.isFinite(value)) return BigInt(Math.trunc(value))
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value)
  return undefined
}

function stringAttributes(value: unknown): Record<string, string> {
  const result: Record<string, string> = {}
  if (typeof value !== 'object' || value === null) return result
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    result[key] = typeof item === 'string' ? item : pythonJsonText(item)
  }
  return result
}
