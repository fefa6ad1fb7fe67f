import { z } from 'zod'
import { loggedModelParameterSchema } from '../../entities/logged-models/logged-model.ts'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { emptyResponseSchema, requiredString } from '../request-fields.ts'

/**
 * `POST /api/2.0/mlflow/logged-models/{model_id}/params`: adds params to a model (the Python
 * client sends them in batches of 100). A key the model already has is `BAD_REQUEST`, as the
 * reference's primary key makes it.
 *
 * @example
 * logLoggedModelParams.request.parse({
 *   model_id: 'm-0123456789abcdef0123456789abcdef',
 *   params: [{ key: 'top_k', value: '5' }],
 * })
 */
export const logLoggedModelParams = defineEndpoint({
  rpc: 'LogLoggedModelParams',
  method: 'POST',
  path: '/api/2.0/mlflow/logged-models/{model_id}/params',
  request: z.object({
    modelId: requiredString(),
    params: z.array(loggedModelParameterSchema).default([]),
  }),
  response: emptyResponseSchema,
})

/** The request of `logLoggedModelParams`, camelCase. */
export type LogLoggedModelParamsRequest = EndpointRequest<typeof logLoggedModelParams>
/** The response of `logLoggedModelParams`, camelCase. */
export type LogLoggedModelParamsResponse = EndpointResponse<typeof logLoggedModelParams>
