import { z } from 'zod'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { emptyResponseSchema, requiredString } from '../request-fields.ts'

/**
 * `DELETE /api/2.0/mlflow/traces/{request_id}/tags` (DeleteTraceTag): deletes a trace tag; the
 * key travels in the JSON body (or the query string). A missing tag is
 * `RESOURCE_DOES_NOT_EXIST`. Current Python clients always use this v2 path.
 *
 * @example
 * deleteTraceTag.request.parse({ request_id: 'tr-0123456789abcdef0123456789abcdef', key: 'team' })
 */
export const deleteTraceTag = defineEndpoint({
  rpc: 'DeleteTraceTag',
  method: 'DELETE',
  path: '/api/2.0/mlflow/traces/{request_id}/tags',
  request: z.object({ requestId: requiredString(), key: requiredString() }),
  response: emptyResponseSchema,
})

/**
 * `DELETE /api/3.0/mlflow/traces/{trace_id}/tags` (DeleteTraceTagV3): {@link deleteTraceTag} by
 * trace id.
 *
 * @example
 * deleteTraceTagV3.request.parse({ trace_id: 'tr-0123456789abcdef0123456789abcdef', key: 'team' })
 */
export const deleteTraceTagV3 = defineEndpoint({
  rpc: 'DeleteTraceTagV3',
  method: 'DELETE',
  path: '/api/3.0/mlflow/traces/{trace_id}/tags',
  request: z.object({ traceId: requiredString(), key: requiredString() }),
  response: emptyResponseSchema,
})

/** The request of `deleteTraceTag`, camelCase. */
export type DeleteTraceTagRequest = EndpointRequest<typeof deleteTraceTag>
/** The request of `deleteTraceTagV3`, camelCase. */
export type DeleteTraceTagV3Request = EndpointRequest<typeof deleteTraceTagV3>
/** The (empty) response of both. */
export type DeleteTraceTagResponse = EndpointResponse<typeof deleteTraceTag>
