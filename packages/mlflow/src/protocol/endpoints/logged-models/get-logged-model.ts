import { z } from 'zod'
import { loggedModelSchema } from '../../entities/logged-models/logged-model.ts'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { requiredString } from '../request-fields.ts'

/**
 * `GET /api/2.0/mlflow/logged-models/{model_id}`: one logged model with its tags, params and
 * metrics. A deleted model is `RESOURCE_DOES_NOT_EXIST` unless `allow_deleted=true` (anything
 * else in that parameter reads as false, as in MLflow).
 *
 * @example
 * getLoggedModel.request.parse({ model_id: 'm-0123456789abcdef0123456789abcdef' })
 * // { modelId: 'm-0123456789abcdef0123456789abcdef', allowDeleted: false }
 */
export const getLoggedModel = defineEndpoint({
  rpc: 'GetLoggedModel',
  method: 'GET',
  path: '/api/2.0/mlflow/logged-models/{model_id}',
  request: z.object({
    modelId: requiredString(),
    allowDeleted: z.boolean().catch(false),
  }),
  response: z.object({ model: loggedModelSchema }),
})

/** The request of `getLoggedModel`, camelCase. */
export type GetLoggedModelRequest = EndpointRequest<typeof getLoggedModel>
/** The response of `getLoggedModel`, camelCase. */
export type GetLoggedModelResponse = EndpointResponse<typeof getLoggedModel>
