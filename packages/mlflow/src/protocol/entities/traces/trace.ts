/**
 * @module trace
 * `Trace`: a trace's info and, from the tracking store, its spans.
 */
import { z } from 'zod'
import { otelSpanSchema } from './otel-span.ts'
import { traceInfoV3Schema } from './trace-info-v3.ts'

/**
 * A trace. Clients send no spans with StartTraceV3; `traces/get` and `traces/batchGet` return
 * the spans the tracking store keeps.
 *
 * @example
 * traceSchema.parse({ traceInfo: { traceId: 'tr-0123456789abcdef0123456789abcdef' } }).spans // []
 */
export const traceSchema = z.object({
  traceInfo: traceInfoV3Schema.optional(),
  spans: z.array(otelSpanSchema).default([]),
})

/** A trace, camelCase. */
export type Trace = z.infer<typeof traceSchema>
