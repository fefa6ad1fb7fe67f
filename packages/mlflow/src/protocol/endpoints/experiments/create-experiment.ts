import { z } from 'zod'
import { experimentTagSchema } from '../../entities/experiment-tag.ts'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { requiredString } from '../request-fields.ts'

/**
 * `POST /api/2.0/mlflow/experiments/create`: creates an experiment and returns its id. A name
 * used by any experiment, active or deleted, fails with `RESOURCE_ALREADY_EXISTS` (HTTP 400).
 *
 * @example
 * createExperiment.request.parse({ name: 'DSPy-Optimization' })
 * // { name: 'DSPy-Optimization', tags: [] }
 */
export const createExperiment = defineEndpoint({
  rpc: 'CreateExperiment',
  method: 'POST',
  path: '/api/2.0/mlflow/experiments/create',
  request: z.object({
    name: requiredString(),
    artifactLocation: z.string().optional(),
    tags: z.array(experimentTagSchema).default([]),
  }),
  response: z.object({ experimentId: z.string() }),
})

/** The request of `createExperiment`, camelCase. */
export type CreateExperimentRequest = EndpointRequest<typeof createExperiment>
/** The response of `createExperiment`, camelCase. */
export type CreateExperimentResponse = EndpointResponse<typeof createExperiment>
