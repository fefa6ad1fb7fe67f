import { z } from 'zod'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { emptyResponseSchema, requiredString } from '../request-fields.ts'

/**
 * `DELETE /api/2.0/mlflow/logged-models/{model_id}/tags/{tag_key}`: deletes one tag; a missing
 * tag is `RESOURCE_DOES_NOT_EXIST` ("No tag with key 'k' found for model with ID 'm-…'.").
 *
 * @example
 * deleteLoggedModelTag.request.parse({
 *   model_id: 'm-0123456789abcdef0123456789abcdef',
 *   tag_key: 'mlflow.model.isExternal',
 * })
 */
export const deleteLoggedModelTag = defineEndpoint({
  rpc: 'DeleteLoggedModelTag',
  method: 'DELETE',
  path: '/api/2.0/mlflow/logged-models/{model_id}/tags/{tag_key}',
  request: z.object({ modelId: requiredString(), tagKey: requiredString() }),
  response: emptyResponseSchema,
})

/** The request of `deleteLoggedModelTag`, camelCase. */
export type DeleteLoggedModelTagRequest = EndpointRequest<typeof deleteLoggedModelTag>
/** The response of `deleteLoggedModelTag`, camelCase. */
export type DeleteLoggedModelTagResponse = EndpointResponse<typeof deleteLoggedModelTag>
