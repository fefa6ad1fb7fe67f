/**
 * @module trace-info-v2
 * The legacy v2 `TraceInfo` (spec §3.9.5), which old clients and the v2 routes use.
 */
import { z } from 'zod'
import { int64Schema } from '../proto-types.ts'
import { traceStatusSchema } from './trace-state.ts'

/** A `{ key, value }` pair of the v2 trace's metadata or tags. */
export const traceKeyValueSchema = z.object({
  key: z.string().optional(),
  value: z.string().optional(),
})

/** A v2 metadata entry or tag. */
export type TraceKeyValue = z.infer<typeof traceKeyValueSchema>

/**
 * A v2 trace info: `requestId` is the trace id, times are epoch milliseconds.
 *
 * @example
 * traceInfoV2Schema.parse({
 *   requestId: 'tr-0123456789abcdef0123456789abcdef',
 *   experimentId: '1',
 *   timestampMs: 1718460461282,
 *   executionTimeMs: 65,
 *   status: 'OK',
 * })
 */
export const traceInfoV2Schema = z.object({
  requestId: z.string().optional(),
  experimentId: z.string().optional(),
  timestampMs: int64Schema.optional(),
  executionTimeMs: int64Schema.optional(),
  status: traceStatusSchema.optional(),
  requestMetadata: z.array(traceKeyValueSchema).default([]),
  tags: z.array(traceKeyValueSchema).default([]),
})

/** A v2 trace info, camelCase. */
export type TraceInfoV2 = z.infer<typeof traceInfoV2Schema>
