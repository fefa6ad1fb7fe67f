import { z } from 'zod'
import { registeredModelSchema } from '../../entities/registry/registered-model.ts'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { requiredString } from '../request-fields.ts'

/**
 * `GET /api/2.0/mlflow/registered-models/get`: a registered model with its tags, aliases and the
 * newest version of each stage. Unknown → 404 `RESOURCE_DOES_NOT_EXIST`.
 *
 * @example
 * getRegisteredModel.request.parse({ name: 'qa-program' })
 */
export const getRegisteredModel = defineEndpoint({
  rpc: 'GetRegisteredModel',
  method: 'GET',
  path: '/api/2.0/mlflow/registered-models/get',
  request: z.object({ name: requiredString() }),
  response: z.object({ registeredModel: registeredModelSchema }),
})

/** The request of `getRegisteredModel`, camelCase. */
export type GetRegisteredModelRequest = EndpointRequest<typeof getRegisteredModel>
/** The response of `getRegisteredModel`, camelCase. */
export type GetRegisteredModelResponse = EndpointResponse<typeof getRegisteredModel>
