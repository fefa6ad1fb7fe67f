import { z } from 'zod'
import {
  loggedModelSchema,
  loggedModelTagSchema,
} from '../../entities/logged-models/logged-model.ts'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { requiredString } from '../request-fields.ts'

/**
 * `PATCH /api/2.0/mlflow/logged-models/{model_id}/tags`: upserts tags (a key repeated in one
 * request keeps its last value). The proto declares `model` in the response; MLflow answers
 * `{}`.
 *
 * @example
 * setLoggedModelTags.request.parse({
 *   model_id: 'm-0123456789abcdef0123456789abcdef',
 *   tags: [{ key: 'stage', value: 'candidate' }],
 * })
 */
export const setLoggedModelTags = defineEndpoint({
  rpc: 'SetLoggedModelTags',
  method: 'PATCH',
  path: '/api/2.0/mlflow/logged-models/{model_id}/tags',
  request: z.object({
    modelId: requiredString(),
    tags: z.array(loggedModelTagSchema).default([]),
  }),
  response: z.object({ model: loggedModelSchema.optional() }),
})

/** The request of `setLoggedModelTags`, camelCase. */
export type SetLoggedModelTagsRequest = EndpointRequest<typeof setLoggedModelTags>
/** The response of `setLoggedModelTags`, camelCase. */
export type SetLoggedModelTagsResponse = EndpointResponse<typeof setLoggedModelTags>
