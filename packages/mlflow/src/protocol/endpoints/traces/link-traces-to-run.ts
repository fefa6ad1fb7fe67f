import { z } from 'zod'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { emptyResponseSchema, requiredString } from '../request-fields.ts'
import { requiredStringList } from './trace-request-fields.ts'

/** The most traces one `link-to-run` request may link. */
export const MAX_TRACE_LINKS_PER_REQUEST = 100

/**
 * `POST /api/2.0/mlflow/traces/link-to-run` (LinkTracesToRun): links up to 100 traces to a run;
 * `attribute.run_id = '<run>'` searches then find them.
 *
 * @example
 * linkTracesToRun.request.parse({ trace_ids: ['tr-0123456789abcdef0123456789abcdef'], run_id: 'a1' })
 */
export const linkTracesToRun = defineEndpoint({
  rpc: 'LinkTracesToRun',
  method: 'POST',
  path: '/api/2.0/mlflow/traces/link-to-run',
  request: z.object({ traceIds: requiredStringList('trace_ids'), runId: requiredString() }),
  response: emptyResponseSchema,
})

/** The request of `linkTracesToRun`, camelCase. */
export type LinkTracesToRunRequest = EndpointRequest<typeof linkTracesToRun>
/** The (empty) response of `linkTracesToRun`. */
export type LinkTracesToRunResponse = EndpointResponse<typeof linkTracesToRun>
