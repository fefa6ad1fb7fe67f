import { z } from 'zod'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { emptyResponseSchema, requiredString } from '../request-fields.ts'

/**
 * `DELETE /api/2.0/mlflow/model-versions/delete` (JSON body): deletes a version. It disappears
 * from every read, its aliases go, and its number is never given out again.
 *
 * @example
 * deleteModelVersion.request.parse({ name: 'qa-program', version: '1' })
 */
export const deleteModelVersion = defineEndpoint({
  rpc: 'DeleteModelVersion',
  method: 'DELETE',
  path: '/api/2.0/mlflow/model-versions/delete',
  request: z.object({ name: requiredString(), version: requiredString() }),
  response: emptyResponseSchema,
})

/** The request of `deleteModelVersion`, camelCase. */
export type DeleteModelVersionRequest = EndpointRequest<typeof deleteModelVersion>
/** The response of `deleteModelVersion`, camelCase. */
export type DeleteModelVersionResponse = EndpointResponse<typeof deleteModelVersion>
