import { z } from 'zod'
import { traceInfoV2Schema } from '../../entities/traces/trace-info-v2.ts'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { requiredStringList, traceMaxResults } from './trace-request-fields.ts'

/**
 * `GET /api/2.0/mlflow/traces` (legacy SearchTraces): {@link searchTracesV3} with experiment ids
 * and v2 trace infos; the Python client falls back to it on `ENDPOINT_NOT_FOUND`.
 *
 * @example
 * searchTracesV2.request.parse({ experiment_ids: ['1'], max_results: '10' })
 */
export const searchTracesV2 = defineEndpoint({
  rpc: 'SearchTraces',
  method: 'GET',
  path: '/api/2.0/mlflow/traces',
  request: z.object({
    experimentIds: requiredStringList('experiment_ids'),
    filter: z.string().optional(),
    maxResults: traceMaxResults(),
    orderBy: z.array(z.string()).default([]),
    pageToken: z.string().optional(),
  }),
  response: z.object({
    traces: z.array(traceInfoV2Schema).default([]),
    nextPageToken: z.string().optional(),
  }),
})

/** The request of `searchTracesV2`, camelCase. */
export type SearchTracesV2Request = EndpointRequest<typeof searchTracesV2>
/** The response of `searchTracesV2`, camelCase. */
export type SearchTracesV2Response = EndpointResponse<typeof searchTracesV2>
