/**
 * @module otel-span
 * OpenTelemetry spans in protobuf JSON, as `Trace.spans` carries them (spec §3.12): ids are
 * base64 of their bytes, times are nanosecond integers (beyond 2^53: read and write them with
 * `parseJsonBigIntSafe` / `printJsonBigIntSafe`), attribute values are decoded `AnyValue`s.
 */
import { z } from 'zod'
import { doubleSchema, protoTypes, wideInt64Schema } from '../proto-types.ts'

/** An OpenTelemetry `AnyValue`: exactly one of its fields is set (none for a null). */
export interface AnyValue {
  stringValue?: string
  boolValue?: boolean
  intValue?: number | bigint
  doubleValue?: number
  arrayValue?: { values: AnyValue[] }
  kvlistValue?: { values: KeyValue[] }
  /** base64 */
  bytesValue?: string
}

/** An attribute: a key and its value. */
export interface KeyValue {
  key: string
  value?: AnyValue
}

/**
 * An `AnyValue` (recursive).
 *
 * @example
 * anyValueSchema.parse({ kvlistValue: { values: [{ key: 'x', value: { intValue: 21 } }] } })
 */
export const anyValueSchema: z.ZodType<AnyValue> = z.object({
  stringValue: z.string().optional(),
  boolValue: z.boolean().optional(),
  intValue: wideInt64Schema.optional(),
  doubleValue: doubleSchema.optional(),
  arrayValue: z.object({ values: z.array(z.lazy(() => anyValueSchema)).default([]) }).optional(),
  kvlistValue: z.object({ values: z.array(z.lazy(() => keyValueSchema)).default([]) }).optional(),
  bytesValue: z.string().optional(),
})

/** A `KeyValue`. */
export const keyValueSchema: z.ZodType<KeyValue> = z.object({
  key: z.string().default(''),
  value: anyValueSchema.optional(),
})

/** The proto numbers of {@link OtelStatusCode}. */
export const OTEL_STATUS_CODE_NUMBERS = {
  STATUS_CODE_UNSET: 0,
  STATUS_CODE_OK: 1,
  STATUS_CODE_ERROR: 2,
} as const

/** A span status code. */
export const otelStatusCodeSchema = z.enum([
  'STATUS_CODE_UNSET',
  'STATUS_CODE_OK',
  'STATUS_CODE_ERROR',
])
protoTypes.add(otelStatusCodeSchema, { type: 'enum', numbers: OTEL_STATUS_CODE_NUMBERS })

/** `'STATUS_CODE_UNSET'`, `'STATUS_CODE_OK'` or `'STATUS_CODE_ERROR'`. */
export type OtelStatusCode = z.infer<typeof otelStatusCodeSchema>

/** The proto numbers of the span kinds. */
export const OTEL_SPAN_KIND_NUMBERS = {
  SPAN_KIND_UNSPECIFIED: 0,
  SPAN_KIND_INTERNAL: 1,
  SPAN_KIND_SERVER: 2,
  SPAN_KIND_CLIENT: 3,
  SPAN_KIND_PRODUCER: 4,
  SPAN_KIND_CONSUMER: 5,
} as const

/** A span kind. */
export const otelSpanKindSchema = z.enum([
  'SPAN_KIND_UNSPECIFIED',
  'SPAN_KIND_INTERNAL',
  'SPAN_KIND_SERVER',
  'SPAN_KIND_CLIENT',
  'SPAN_KIND_PRODUCER',
  'SPAN_KIND_CONSUMER',
])
protoTypes.add(otelSpanKindSchema, { type: 'enum', numbers: OTEL_SPAN_KIND_NUMBERS })

/** A span event. */
export const otelSpanEventSchema = z.object({
  timeUnixNano: wideInt64Schema.optional(),
  name: z.string().optional(),
  attributes: z.array(keyValueSchema).default([]),
  droppedAttributesCount: z.int().optional(),
})

/** A link to another span. */
export const otelSpanLinkSchema = z.object({
  traceId: z.string().optional(),
  spanId: z.string().optional(),
  traceState: z.string().optional(),
  attributes: z.array(keyValueSchema).default([]),
  droppedAttributesCount: z.int().optional(),
  flags: z.int().optional(),
})

/**
 * One span.
 *
 * @example
 * otelSpanSchema.parse({
 *   traceId: 'pO4P90zX+o5ygXWeyqwgzg==',
 *   spanId: 'TSqwQ7sHm2w=',
 *   name: 'outer',
 *   startTimeUnixNano: 1795488086823481706n,
 *   endTimeUnixNano: 1795488086888536027n,
 *   attributes: [{ key: 'mlflow.spanType', value: { stringValue: 'CHAIN' } }],
 *   status: { code: 'STATUS_CODE_OK' },
 * })
 */
export const otelSpanSchema = z.object({
  traceId: z.string().optional(),
  spanId: z.string().optional(),
  traceState: z.string().optional(),
  parentSpanId: z.string().optional(),
  flags: z.int().optional(),
  name: z.string().optional(),
  kind: otelSpanKindSchema.optional(),
  startTimeUnixNano: wideInt64Schema.optional(),
  endTimeUnixNano: wideInt64Schema.optional(),
  attributes: z.array(keyValueSchema).default([]),
  droppedAttributesCount: z.int().optional(),
  events: z.array(otelSpanEventSchema).default([]),
  droppedEventsCount: z.int().optional(),
  links: z.array(otelSpanLinkSchema).default([]),
  droppedLinksCount: z.int().optional(),
  status: z
    .object({ message: z.string().optional(), code: otelStatusCodeSchema.optional() })
    .optional(),
})

/** A span in OpenTelemetry protobuf JSON, camelCase. */
export type OtelSpan = z.infer<typeof otelSpanSchema>
