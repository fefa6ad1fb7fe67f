import { z } from 'zod'
import { traceInfoV2Schema } from '../../entities/traces/trace-info-v2.ts'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { requiredString } from '../request-fields.ts'

/**
 * `GET /api/2.0/mlflow/traces/{request_id}/info` (legacy GetTraceInfo): the v2 info of any trace.
 *
 * @example
 * fillPath(getTraceInfoV2.path, { request_id: 'tr-0123456789abcdef0123456789abcdef' })
 */
export const getTraceInfoV2 = defineEndpoint({
  rpc: 'GetTraceInfo',
  method: 'GET',
  path: '/api/2.0/mlflow/traces/{request_id}/info',
  request: z.object({ requestId: requiredString() }),
  response: z.object({ traceInfo: traceInfoV2Schema }),
})

/** The request of `getTraceInfoV2`, camelCase. */
export type GetTraceInfoV2Request = EndpointRequest<typeof getTraceInfoV2>
/** The response of `getTraceInfoV2`, camelCase. */
export type GetTraceInfoV2Response = EndpointResponse<typeof getTraceInfoV2>
