import { z } from 'zod'
import { traceSchema } from '../../entities/traces/trace.ts'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { requiredStringList } from './trace-request-fields.ts'

/**
 * `GET /api/3.0/mlflow/traces/batchGet` (BatchGetTraces): the complete traces, with spans, whose
 * spans the tracking store keeps, in request order; other ids are skipped.
 *
 * @example
 * batchGetTraces.request.parse({ trace_ids: ['tr-0123456789abcdef0123456789abcdef'] })
 */
export const batchGetTraces = defineEndpoint({
  rpc: 'BatchGetTraces',
  method: 'GET',
  path: '/api/3.0/mlflow/traces/batchGet',
  request: z.object({
    traceIds: requiredStringList('trace_ids'),
    experimentIds: z.array(z.string()).optional(),
  }),
  response: z.object({ traces: z.array(traceSchema).default([]) }),
})

/** The request of `batchGetTraces`, camelCase. */
export type BatchGetTracesRequest = EndpointRequest<typeof batchGetTraces>
/** The response of `batchGetTraces`, camelCase. */
export type BatchGetTracesResponse = EndpointResponse<typeof batchGetTraces>
