import { z } from 'zod'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { emptyResponseSchema, requiredString } from '../request-fields.ts'

/**
 * `DELETE /api/2.0/mlflow/registered-models/delete` (JSON body): deletes a registered model
 * with its versions, tags and aliases, for good.
 *
 * @example
 * deleteRegisteredModel.request.parse({ name: 'qa-program' })
 */
export const deleteRegisteredModel = defineEndpoint({
  rpc: 'DeleteRegisteredModel',
  method: 'DELETE',
  path: '/api/2.0/mlflow/registered-models/delete',
  request: z.object({ name: requiredString() }),
  response: emptyResponseSchema,
})

/** The request of `deleteRegisteredModel`, camelCase. */
export type DeleteRegisteredModelRequest = EndpointRequest<typeof deleteRegisteredModel>
/** The response of `deleteRegisteredModel`, camelCase. */
export type DeleteRegisteredModelResponse = EndpointResponse<typeof deleteRegisteredModel>
