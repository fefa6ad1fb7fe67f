import { z } from 'zod'
import { traceInfoV3Schema } from '../../entities/traces/trace-info-v3.ts'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { requiredStringList } from './trace-request-fields.ts'

/**
 * `POST /api/3.0/mlflow/traces/batchGetInfos` (BatchGetTraceInfos): the infos of the known
 * traces among `trace_ids`, in request order.
 *
 * @example
 * batchGetTraceInfos.request.parse({ trace_ids: ['tr-0123456789abcdef0123456789abcdef'] })
 */
export const batchGetTraceInfos = defineEndpoint({
  rpc: 'BatchGetTraceInfos',
  method: 'POST',
  path: '/api/3.0/mlflow/traces/batchGetInfos',
  request: z.object({
    traceIds: requiredStringList('trace_ids'),
    experimentIds: z.array(z.string()).optional(),
  }),
  response: z.object({ traceInfos: z.array(traceInfoV3Schema).default([]) }),
})

/** The request of `batchGetTraceInfos`, camelCase. */
export type BatchGetTraceInfosRequest = EndpointRequest<typeof batchGetTraceInfos>
/** The response of `batchGetTraceInfos`, camelCase. */
export type BatchGetTraceInfosResponse = EndpointResponse<typeof batchGetTraceInfos>
