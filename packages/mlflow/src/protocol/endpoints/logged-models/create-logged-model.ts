import { z } from 'zod'
import {
  loggedModelParameterSchema,
  loggedModelSchema,
  loggedModelTagSchema,
} from '../../entities/logged-models/logged-model.ts'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { requiredString } from '../request-fields.ts'

/**
 * `POST /api/2.0/mlflow/logged-models`: creates a `LOGGED_MODEL_PENDING` model in an active
 * experiment. An empty or absent `name` gets a generated `adjective-noun-NNN`; a given name must
 * not contain `/ : . % " '`. The Python client sends at most 100 params here and logs the rest
 * with `logLoggedModelParams`.
 *
 * @example
 * createLoggedModel.request.parse({
 *   experiment_id: '1',
 *   name: 'qa-agent',
 *   source_run_id: '5f0c2a9e0d4b4e0fa1c3b7d2e9f81234',
 *   params: [{ key: 'temperature', value: '0.7' }],
 *   tags: [{ key: 'mlflow.user', value: 'ada' }],
 * })
 */
export const createLoggedModel = defineEndpoint({
  rpc: 'CreateLoggedModel',
  method: 'POST',
  path: '/api/2.0/mlflow/logged-models',
  request: z.object({
    experimentId: requiredString(),
    name: z.string().optional(),
    modelType: z.string().optional(),
    sourceRunId: z.string().optional(),
    params: z.array(loggedModelParameterSchema).default([]),
    tags: z.array(loggedModelTagSchema).default([]),
  }),
  response: z.object({ model: loggedModelSchema }),
})

/** The request of `createLoggedModel`, camelCase. */
export type CreateLoggedModelRequest = EndpointRequest<typeof createLoggedModel>
/** The response of `createLoggedModel`, camelCase. */
export type CreateLoggedModelResponse = EndpointResponse<typeof createLoggedModel>
