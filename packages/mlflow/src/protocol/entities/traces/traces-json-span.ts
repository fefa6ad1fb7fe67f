/**
 * @module traces-json-span
 * One span of a `traces.json` file (spec §6.8), the format clients upload next to a trace and the
 * tracking store keeps as span content: snake_case keys as written (the file is not proto JSON),
 * ids base64, attribute values JSON-encoded strings, nanosecond times (read the file with
 * `parseJsonBigIntSafe`).
 */
import { z } from 'zod'

const nanos = z.union([z.number(), z.bigint()])

/**
 * A `traces.json` span. Readers also meet MLflow 2's layout (`context.trace_id`, `parent_id`,
 * `start_time`, …); this schema describes the current one and keeps unknown keys.
 *
 * @example
 * tracesJsonSpanSchema.parse({
 *   trace_id: 'pO4P90zX+o5ygXWeyqwgzg==',
 *   span_id: 'TSqwQ7sHm2w=',
 *   parent_span_id: null,
 *   name: 'outer',
 *   start_time_unix_nano: 1795488086823481706n,
 *   end_time_unix_nano: 1795488086888536027n,
 *   events: [],
 *   status: { code: 'STATUS_CODE_OK', message: '' },
 *   attributes: { 'mlflow.spanType': '"CHAIN"' },
 * })
 */
export const tracesJsonSpanSchema = z.looseObject({
  trace_id: z.string(),
  span_id: z.string(),
  parent_span_id: z.string().nullable().optional(),
  name: z.string(),
  start_time_unix_nano: nanos,
  end_time_unix_nano: nanos.nullable().optional(),
  events: z
    .array(
      z.looseObject({
        name: z.string(),
        time_unix_nano: nanos,
        attributes: z.record(z.string(), z.unknown()).default({}),
      }),
    )
    .default([]),
  status: z.looseObject({ code: z.string(), message: z.string().default('') }),
  attributes: z.record(z.string(), z.string()).default({}),
  links: z.array(z.unknown()).default([]),
})

/** A `traces.json` span. */
export type TracesJsonSpan = z.infer<typeof tracesJsonSpanSchema>

/**
 * A `traces.json` file: `{ "spans": [...] }`.
 *
 * @example
 * tracesJsonSchema.parse({ spans: [] })
 */
export const tracesJsonSchema = z.looseObject({ spans: z.array(tracesJsonSpanSchema) })

/** A `traces.json` file. */
export type TracesJson = z.infer<typeof tracesJsonSchema>
