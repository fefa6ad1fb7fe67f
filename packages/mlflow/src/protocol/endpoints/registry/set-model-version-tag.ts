import { z } from 'zod'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { emptyResponseSchema, requiredString } from '../request-fields.ts'

/**
 * `POST /api/2.0/mlflow/model-versions/set-tag`: sets (upserts) a tag of a model version
 * (value ≤ 100000 characters; absent = empty).
 *
 * @example
 * setModelVersionTag.request.parse({ name: 'qa-program', version: '1', key: 'ok', value: 'yes' })
 */
export const setModelVersionTag = defineEndpoint({
  rpc: 'SetModelVersionTag',
  method: 'POST',
  path: '/api/2.0/mlflow/model-versions/set-tag',
  request: z.object({
    name: requiredString(),
    version: requiredString(),
    key: requiredString(),
    value: z.string().default(''),
  }),
  response: emptyResponseSchema,
})

/** The request of `setModelVersionTag`, camelCase. */
export type SetModelVersionTagRequest = EndpointRequest<typeof setModelVersionTag>
/** The response of `setModelVersionTag`, camelCase. */
export type SetModelVersionTagResponse = EndpointResponse<typeof setModelVersionTag>
