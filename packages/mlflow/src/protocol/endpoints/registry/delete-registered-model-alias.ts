import { z } from 'zod'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { emptyResponseSchema, requiredString } from '../request-fields.ts'

/**
 * `DELETE /api/2.0/mlflow/registered-models/alias` (JSON body): removes an alias; a missing
 * alias is a no-op, a missing model a 404.
 *
 * @example
 * deleteRegisteredModelAlias.request.parse({ name: 'qa-program', alias: 'champion' })
 */
export const deleteRegisteredModelAlias = defineEndpoint({
  rpc: 'DeleteRegisteredModelAlias',
  method: 'DELETE',
  path: '/api/2.0/mlflow/registered-models/alias',
  request: z.object({ name: requiredString(), alias: requiredString() }),
  response: emptyResponseSchema,
})

/** The request of `deleteRegisteredModelAlias`, camelCase. */
export type DeleteRegisteredModelAliasRequest = EndpointRequest<typeof deleteRegisteredModelAlias>
/** The response of `deleteRegisteredModelAlias`, camelCase. */
export type DeleteRegisteredModelAliasResponse = EndpointResponse<typeof deleteRegisteredModelAlias>
