import { z } from 'zod'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { emptyResponseSchema, requiredString } from '../request-fields.ts'

/**
 * `POST /api/2.0/mlflow/experiments/delete`: soft-deletes an active experiment and its runs.
 *
 * @example
 * deleteExperiment.request.parse({ experiment_id: '1' }) // { experimentId: '1' }
 */
export const deleteExperiment = defineEndpoint({
  rpc: 'DeleteExperiment',
  method: 'POST',
  path: '/api/2.0/mlflow/experiments/delete',
  request: z.object({ experimentId: requiredString() }),
  response: emptyResponseSchema,
})

/** The request of `deleteExperiment`, camelCase. */
export type DeleteExperimentRequest = EndpointRequest<typeof deleteExperiment>
/** The response of `deleteExperiment`, camelCase. */
export type DeleteExperimentResponse = EndpointResponse<typeof deleteExperiment>
