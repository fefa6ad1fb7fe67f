import { z } from 'zod'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { emptyResponseSchema, requiredString } from '../request-fields.ts'

/**
 * `POST /api/2.0/mlflow/experiments/restore`: restores a deleted experiment and its runs.
 *
 * @example
 * restoreExperiment.request.parse({ experiment_id: '1' }) // { experimentId: '1' }
 */
export const restoreExperiment = defineEndpoint({
  rpc: 'RestoreExperiment',
  method: 'POST',
  path: '/api/2.0/mlflow/experiments/restore',
  request: z.object({ experimentId: requiredString() }),
  response: emptyResponseSchema,
})

/** The request of `restoreExperiment`, camelCase. */
export type RestoreExperimentRequest = EndpointRequest<typeof restoreExperiment>
/** The response of `restoreExperiment`, camelCase. */
export type RestoreExperimentResponse = EndpointResponse<typeof restoreExperiment>
