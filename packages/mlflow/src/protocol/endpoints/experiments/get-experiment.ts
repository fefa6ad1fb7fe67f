import { z } from 'zod'
import { experimentSchema } from '../../entities/experiment.ts'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { requiredString } from '../request-fields.ts'

/**
 * `GET /api/2.0/mlflow/experiments/get?experiment_id=…`: one experiment, deleted ones
 * included. Unknown ids fail with `RESOURCE_DOES_NOT_EXIST` ("No Experiment with id=X exists").
 *
 * @example
 * getExperiment.request.parse({ experiment_id: '1' }) // { experimentId: '1' }
 */
export const getExperiment = defineEndpoint({
  rpc: 'GetExperiment',
  method: 'GET',
  path: '/api/2.0/mlflow/experiments/get',
  request: z.object({ experimentId: requiredString() }),
  response: z.object({ experiment: experimentSchema }),
})

/** The request of `getExperiment`, camelCase. */
export type GetExperimentRequest = EndpointRequest<typeof getExperiment>
/** The response of `getExperiment`, camelCase. */
export type GetExperimentResponse = EndpointResponse<typeof getExperiment>
