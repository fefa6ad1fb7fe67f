import { z } from 'zod'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { emptyResponseSchema, requiredString } from '../request-fields.ts'

/**
 * `DELETE /api/2.0/mlflow/registered-models/delete-tag` (JSON body): deletes a tag of a
 * registered model; a missing tag is a no-op, a missing model a 404.
 *
 * @example
 * deleteRegisteredModelTag.request.parse({ name: 'qa-program', key: 'team' })
 */
export const deleteRegisteredModelTag = defineEndpoint({
  rpc: 'DeleteRegisteredModelTag',
  method: 'DELETE',
  path: '/api/2.0/mlflow/registered-models/delete-tag',
  request: z.object({ name: requiredString(), key: requiredString() }),
  response: emptyResponseSchema,
})

/** The request of `deleteRegisteredModelTag`, camelCase. */
export type DeleteRegisteredModelTagRequest = EndpointRequest<typeof deleteRegisteredModelTag>
/** The response of `deleteRegisteredModelTag`, camelCase. */
export type DeleteRegisteredModelTagResponse = EndpointResponse<typeof deleteRegisteredModelTag>
