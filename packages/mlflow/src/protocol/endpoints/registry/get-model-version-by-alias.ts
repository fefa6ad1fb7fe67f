import { z } from 'zod'
import { modelVersionSchema } from '../../entities/registry/model-version.ts'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { requiredString } from '../request-fields.ts'

/**
 * `GET /api/2.0/mlflow/registered-models/alias`: the version an alias points to; the alias
 * `latest` (any case) is the highest version. An unknown alias is 400
 * `INVALID_PARAMETER_VALUE` ("Registered model alias A not found."), as in MLflow.
 *
 * @example
 * getModelVersionByAlias.request.parse({ name: 'qa-program', alias: 'champion' })
 */
export const getModelVersionByAlias = defineEndpoint({
  rpc: 'GetModelVersionByAlias',
  method: 'GET',
  path: '/api/2.0/mlflow/registered-models/alias',
  request: z.object({ name: requiredString(), alias: requiredString() }),
  response: z.object({ modelVersion: modelVersionSchema }),
})

/** The request of `getModelVersionByAlias`, camelCase. */
export type GetModelVersionByAliasRequest = EndpointRequest<typeof getModelVersionByAlias>
/** The response of `getModelVersionByAlias`, camelCase. */
export type GetModelVersionByAliasResponse = EndpointResponse<typeof getModelVersionByAlias>
