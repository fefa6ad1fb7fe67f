import { z } from 'zod'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { emptyResponseSchema, requiredString } from '../request-fields.ts'

/**
 * `DELETE /api/2.0/mlflow/logged-models/{model_id}`: soft-deletes a model (lifecycle stage
 * `deleted`); later reads answer `RESOURCE_DOES_NOT_EXIST` and searches skip it.
 *
 * @example
 * deleteLoggedModel.request.parse({ model_id: 'm-0123456789abcdef0123456789abcdef' })
 */
export const deleteLoggedModel = defineEndpoint({
  rpc: 'DeleteLoggedModel',
  method: 'DELETE',
  path: '/api/2.0/mlflow/logged-models/{model_id}',
  request: z.object({ modelId: requiredString() }),
  response: emptyResponseSchema,
})

/** The request of `deleteLoggedModel`, camelCase. */
export type DeleteLoggedModelRequest = EndpointRequest<typeof deleteLoggedModel>
/** The response of `deleteLoggedModel`, camelCase. */
export type DeleteLoggedModelResponse = EndpointResponse<typeof deleteLoggedModel>
