/**
 * @module otel-span-json
 * A span record as an OpenTelemetry span in protobuf JSON (`Trace.spans`, spec §3.12): base64
 * ids, nanosecond times, attribute values decoded into `AnyValue`s. Like MLflow, the span kind
 * and trace state are not part of it (MLflow's span dict does not keep them).
 */
import type { OtelSpan } from '@dspyflow/mlflow/protocol'
import type { SpanRecord } from '../span-record.ts'
import { attributeAnyValue, plainKeyValues } from './any-value.ts'
import { hexToBase64, traceIdToBase64 } from './span-ids.ts'

/**
 * The protobuf JSON of a span.
 *
 * @example
 * otelSpanJson(record).attributes[0] // { key: 'mlflow.traceRequestId', value: { stringValue: 'tr-…' } }
 */
export function otelSpanJson(span: SpanRecord): OtelSpan {
  const result: OtelSpan = {
    traceId: traceIdToBase64(span.traceId),
    spanId: hexToBase64(span.spanId),
    name: span.name,
    startTimeUnixNano: span.startTimeUnixNano,
    attributes: Object.entries(span.attributes).map(([key, text]) => ({
      key,
      value: attributeAnyValue(text),
    })),
    events: span.events.map((event) => ({
      timeUnixNano: event.timeUnixNano,
      name: event.name,
      attributes: plainKeyValues(event.attributes),
    })),
    links: (span.links ?? []).flatMap((link) => {
      const spanId = /^[0-9a-f]{16}$/i.test(link.spanId) ? hexToBase64(link.spanId) : undefined
      if (spanId === undefined) return []
      return [
        {
          traceId: traceIdToBase64(link.traceId),
          spanId,
          attributes: plainKeyValues(link.attributes ?? {}),
        },
      ]
    }),
    status: {
      ...(span.statusMessage === '' ? {} : { message: span.statusMessage }),
      ...(span.statusCode === 'STATUS_CODE_UNSET' ? {} : { code: span.statusCode }),
    },
  }
  if (span.parentSpanId !== undefined) result.parentSpanId = hexToBase64(span.parentSpanId)
  if (span.endTimeUnixNano !== undefined) result.endTimeUnixNano = span.endTimeUnixNano
  return result
}
