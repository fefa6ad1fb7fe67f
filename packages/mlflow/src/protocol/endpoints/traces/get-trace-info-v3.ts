import { z } from 'zod'
import { traceSchema } from '../../entities/traces/trace.ts'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { requiredString } from '../request-fields.ts'

/**
 * `GET /api/3.0/mlflow/traces/{trace_id}` (GetTraceInfoV3): `{ trace: { trace_info } }`;
 * an unknown id is `RESOURCE_DOES_NOT_EXIST`.
 *
 * @example
 * fillPath(getTraceInfoV3.path, { trace_id: 'tr-0123456789abcdef0123456789abcdef' })
 */
export const getTraceInfoV3 = defineEndpoint({
  rpc: 'GetTraceInfoV3',
  method: 'GET',
  path: '/api/3.0/mlflow/traces/{trace_id}',
  request: z.object({ traceId: requiredString() }),
  response: z.object({ trace: traceSchema }),
})

/** The request of `getTraceInfoV3`, camelCase. */
export type GetTraceInfoV3Request = EndpointRequest<typeof getTraceInfoV3>
/** The response of `getTraceInfoV3`, camelCase. */
export type GetTraceInfoV3Response = EndpointResponse<typeof getTraceInfoV3>
