import { z } from 'zod'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { emptyResponseSchema, requiredString } from '../request-fields.ts'

/**
 * `POST /api/2.0/mlflow/experiments/update`: renames an active experiment.
 *
 * @example
 * updateExperiment.request.parse({ experiment_id: '1', new_name: 'renamed' })
 */
export const updateExperiment = defineEndpoint({
  rpc: 'UpdateExperiment',
  method: 'POST',
  path: '/api/2.0/mlflow/experiments/update',
  request: z.object({ experimentId: requiredString(), newName: requiredString() }),
  response: emptyResponseSchema,
})

/** The request of `updateExperiment`, camelCase. */
export type UpdateExperimentRequest = EndpointRequest<typeof updateExperiment>
/** The response of `updateExperiment`, camelCase. */
export type UpdateExperimentResponse = EndpointResponse<typeof updateExperiment>
