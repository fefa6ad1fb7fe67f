import { z } from 'zod'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { emptyResponseSchema, requiredString } from '../request-fields.ts'

/**
 * `POST /api/2.0/mlflow/runs/delete-tag`: deletes a tag of an active run; a missing tag is
 * `RESOURCE_DOES_NOT_EXIST`.
 *
 * @example
 * deleteTag.request.parse({ run_id: 'a1', key: 'team' })
 */
export const deleteTag = defineEndpoint({
  rpc: 'DeleteTag',
  method: 'POST',
  path: '/api/2.0/mlflow/runs/delete-tag',
  request: z.object({ runId: requiredString(), key: requiredString() }),
  response: emptyResponseSchema,
})

/** The request of `deleteTag`, camelCase. */
export type DeleteTagRequest = EndpointRequest<typeof deleteTag>
/** The response of `deleteTag`, camelCase. */
export type DeleteTagResponse = EndpointResponse<typeof deleteTag>
