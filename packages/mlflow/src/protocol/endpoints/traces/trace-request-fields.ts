/**
 * @module trace-request-fields
 * Request fields the trace endpoints share.
 */
import { z } from 'zod'
import { mlflowMessage } from '../request-fields.ts'

/** The largest `max_results` of the trace searches. */
export const SEARCH_TRACES_MAX_RESULTS = 500

/**
 * A repeated string field MLflow requires (`_assert_required`): absent or empty is "Missing value
 * for required parameter '<name>'".
 *
 * @example
 * z.object({ traceIds: requiredStringList('trace_ids') })
 */
export function requiredStringList(name: string) {
  return z
    .array(z.string())
    .optional()
    .refine((items) => items !== undefined && items.length > 0, {
      message: `Missing value for required parameter '${name}'.`,
      params: mlflowMessage('schema'),
    })
    .transform((items) => items ?? [])
}

/** `max_results` of a trace search: default 100, at most 500. */
export function traceMaxResults() {
  return z.int().max(SEARCH_TRACES_MAX_RESULTS).default(100)
}
