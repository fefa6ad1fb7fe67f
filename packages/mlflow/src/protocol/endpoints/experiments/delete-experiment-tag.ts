import { z } from 'zod'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { emptyResponseSchema, requiredString } from '../request-fields.ts'

/**
 * `POST /api/2.0/mlflow/experiments/delete-experiment-tag`: deletes a tag of an active
 * experiment; a missing tag is `RESOURCE_DOES_NOT_EXIST`.
 *
 * @example
 * deleteExperimentTag.request.parse({ experiment_id: '1', key: 'team' })
 */
export const deleteExperimentTag = defineEndpoint({
  rpc: 'DeleteExperimentTag',
  method: 'POST',
  path: '/api/2.0/mlflow/experiments/delete-experiment-tag',
  request: z.object({ experimentId: requiredString(), key: requiredString() }),
  response: emptyResponseSchema,
})

/** The request of `deleteExperimentTag`, camelCase. */
export type DeleteExperimentTagRequest = EndpointRequest<typeof deleteExperimentTag>
/** The response of `deleteExperimentTag`, camelCase. */
export type DeleteExperimentTagResponse = EndpointResponse<typeof deleteExperimentTag>
