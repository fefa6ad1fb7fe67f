import { z } from 'zod'
import { traceInfoV3Schema } from '../../entities/traces/trace-info-v3.ts'
import { traceLocationSchema } from '../../entities/traces/trace-location.ts'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { mlflowMessage } from '../request-fields.ts'
import { traceMaxResults } from './trace-request-fields.ts'

/**
 * `POST /api/3.0/mlflow/traces/search` (SearchTracesV3): trace infos of the experiments named in
 * `locations`, filtered (trace search grammar), ordered (default `timestamp_ms DESC`, then
 * `request_id`), a page of `max_results` (default 100, at most 500). A page token comes back
 * whenever the page is full.
 *
 * @example
 * searchTracesV3.request.parse({
 *   locations: [{ type: 'MLFLOW_EXPERIMENT', mlflow_experiment: { experiment_id: '1' } }],
 *   filter: "attributes.status = 'OK'",
 *   max_results: 50,
 * })
 */
export const searchTracesV3 = defineEndpoint({
  rpc: 'SearchTracesV3',
  method: 'POST',
  path: '/api/3.0/mlflow/traces/search',
  request: z.object({
    locations: z
      .array(traceLocationSchema)
      .optional()
      .refine((locations) => locations !== undefined, {
        message: "Missing value for required parameter 'locations'.",
        params: mlflowMessage('schema'),
      })
      .transform((locations) => locations ?? []),
    filter: z.string().optional(),
    maxResults: traceMaxResults(),
    orderBy: z.array(z.string()).default([]),
    pageToken: z.string().optional(),
  }),
  response: z.object({
    traces: z.array(traceInfoV3Schema).default([]),
    nextPageToken: z.string().optional(),
  }),
})

/** The request of `searchTracesV3`, camelCase. */
export type SearchTracesV3Request = EndpointRequest<typeof searchTracesV3>
/** The response of `searchTracesV3`, camelCase. */
export type SearchTracesV3Response = EndpointResponse<typeof searchTracesV3>
