import { z } from 'zod'
import { traceSchema } from '../../entities/traces/trace.ts'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { requiredString } from '../request-fields.ts'

/**
 * `GET /api/3.0/mlflow/traces/get` (GetTrace): a trace with the spans the tracking store keeps.
 * Unless `allow_partial`, a trace whose spans have not all arrived (fewer than
 * `mlflow.trace.sizeStats.num_spans`) is `RESOURCE_DOES_NOT_EXIST` after a short wait.
 *
 * @example
 * getTrace.request.parse({ trace_id: 'tr-0123456789abcdef0123456789abcdef', allow_partial: 'True' })
 */
export const getTrace = defineEndpoint({
  rpc: 'GetTrace',
  method: 'GET',
  path: '/api/3.0/mlflow/traces/get',
  request: z.object({ traceId: requiredString(), allowPartial: z.boolean().default(false) }),
  response: z.object({ trace: traceSchema }),
})

/** The request of `getTrace`, camelCase. */
export type GetTraceRequest = EndpointRequest<typeof getTrace>
/** The response of `getTrace`, camelCase. */
export type GetTraceResponse = EndpointResponse<typeof getTrace>
