import { z } from 'zod'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { emptyResponseSchema, requiredString } from '../request-fields.ts'

/**
 * `POST /api/2.0/mlflow/registered-models/alias`: points an alias at a version (upsert).
 * Aliases are `[\w-]`, ≤ 255 characters; `latest` (any case) and `v<digits>` are reserved.
 *
 * @example
 * setRegisteredModelAlias.request.parse({ name: 'qa-program', alias: 'champion', version: '2' })
 */
export const setRegisteredModelAlias = defineEndpoint({
  rpc: 'SetRegisteredModelAlias',
  method: 'POST',
  path: '/api/2.0/mlflow/registered-models/alias',
  request: z.object({
    name: requiredString(),
    alias: requiredString(),
    version: requiredString(),
  }),
  response: emptyResponseSchema,
})

/** The request of `setRegisteredModelAlias`, camelCase. */
export type SetRegisteredModelAliasRequest = EndpointRequest<typeof setRegisteredModelAlias>
/** The response of `setRegisteredModelAlias`, camelCase. */
export type SetRegisteredModelAliasResponse = EndpointResponse<typeof setRegisteredModelAlias>
