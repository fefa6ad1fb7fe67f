import { z } from 'zod'
import { experimentSchema } from '../../entities/experiment.ts'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { requiredString } from '../request-fields.ts'

/**
 * `GET /api/2.0/mlflow/experiments/get-by-name?experiment_name=…`: the experiment with exactly
 * this name, active or deleted. Not found is `RESOURCE_DOES_NOT_EXIST` ("Could not find
 * experiment with name 'X'"), which `set_experiment` reads as "create it".
 *
 * @example
 * getExperimentByName.request.parse({ experiment_name: 'DSPy-Optimization' })
 */
export const getExperimentByName = defineEndpoint({
  rpc: 'GetExperimentByName',
  method: 'GET',
  path: '/api/2.0/mlflow/experiments/get-by-name',
  request: z.object({ experimentName: requiredString() }),
  response: z.object({ experiment: experimentSchema }),
})

/** The request of `getExperimentByName`, camelCase. */
export type GetExperimentByNameRequest = EndpointRequest<typeof getExperimentByName>
/** The response of `getExperimentByName`, camelCase. */
export type GetExperimentByNameResponse = EndpointResponse<typeof getExperimentByName>
