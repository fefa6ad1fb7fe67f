import { z } from 'zod'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { emptyResponseSchema, requiredString } from '../request-fields.ts'

/**
 * `PATCH /api/2.0/mlflow/traces/{request_id}/tags` (SetTraceTag): sets (upserts) a trace tag.
 * Current Python clients always use this v2 path.
 *
 * @example
 * setTraceTag.request.parse({ request_id: 'tr-0123456789abcdef0123456789abcdef', key: 'team', value: 'nlp' })
 */
export const setTraceTag = defineEndpoint({
  rpc: 'SetTraceTag',
  method: 'PATCH',
  path: '/api/2.0/mlflow/traces/{request_id}/tags',
  request: z.object({
    requestId: requiredString(),
    key: requiredString(),
    value: z.string().default(''),
  }),
  response: emptyResponseSchema,
})

/**
 * `PATCH /api/3.0/mlflow/traces/{trace_id}/tags` (SetTraceTagV3): {@link setTraceTag} by trace id.
 *
 * @example
 * setTraceTagV3.request.parse({ trace_id: 'tr-0123456789abcdef0123456789abcdef', key: 'team', value: 'nlp' })
 */
export const setTraceTagV3 = defineEndpoint({
  rpc: 'SetTraceTagV3',
  method: 'PATCH',
  path: '/api/3.0/mlflow/traces/{trace_id}/tags',
  request: z.object({
    traceId: requiredString(),
    key: requiredString(),
    value: z.string().default(''),
  }),
  response: emptyResponseSchema,
})

/** The request of `setTraceTag`, camelCase. */
export type SetTraceTagRequest = EndpointRequest<typeof setTraceTag>
/** The request of `setTraceTagV3`, camelCase. */
export type SetTraceTagV3Request = EndpointRequest<typeof setTraceTagV3>
/** The (empty) response of both. */
export type SetTraceTagResponse = EndpointResponse<typeof setTraceTag>
