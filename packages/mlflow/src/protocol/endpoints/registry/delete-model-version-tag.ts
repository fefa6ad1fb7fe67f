import { z } from 'zod'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { emptyResponseSchema, requiredString } from '../request-fields.ts'

/**
 * `DELETE /api/2.0/mlflow/model-versions/delete-tag` (JSON body): deletes a tag of a model
 * version; a missing tag is a no-op.
 *
 * @example
 * deleteModelVersionTag.request.parse({ name: 'qa-program', version: '1', key: 'ok' })
 */
export const deleteModelVersionTag = defineEndpoint({
  rpc: 'DeleteModelVersionTag',
  method: 'DELETE',
  path: '/api/2.0/mlflow/model-versions/delete-tag',
  request: z.object({ name: requiredString(), version: requiredString(), key: requiredString() }),
  response: emptyResponseSchema,
})

/** The request of `deleteModelVersionTag`, camelCase. */
export type DeleteModelVersionTagRequest = EndpointRequest<typeof deleteModelVersionTag>
/** The response of `deleteModelVersionTag`, camelCase. */
export type DeleteModelVersionTagResponse = EndpointResponse<typeof deleteModelVersionTag>
