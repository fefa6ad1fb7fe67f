import { z } from 'zod'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { emptyResponseSchema, requiredString } from '../request-fields.ts'

/**
 * `POST /api/2.0/mlflow/registered-models/set-tag`: sets (upserts) a tag of a registered
 * model. An absent `value` is empty.
 *
 * @example
 * setRegisteredModelTag.request.parse({ name: 'qa-program', key: 'team', value: 'nlp' })
 */
export const setRegisteredModelTag = defineEndpoint({
  rpc: 'SetRegisteredModelTag',
  method: 'POST',
  path: '/api/2.0/mlflow/registered-models/set-tag',
  request: z.object({
    name: requiredString(),
    key: requiredString(),
    value: z.string().default(''),
  }),
  response: emptyResponseSchema,
})

/** The request of `setRegisteredModelTag`, camelCase. */
export type SetRegisteredModelTagRequest = EndpointRequest<typeof setRegisteredModelTag>
/** The response of `setRegisteredModelTag`, camelCase. */
export type SetRegisteredModelTagResponse = EndpointResponse<typeof setRegisteredModelTag>
