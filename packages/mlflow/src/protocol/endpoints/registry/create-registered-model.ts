import { z } from 'zod'
import { registeredModelSchema } from '../../entities/registry/registered-model.ts'
import { registeredModelTagSchema } from '../../entities/registry/registry-tags.ts'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { requiredString } from '../request-fields.ts'

/**
 * `POST /api/2.0/mlflow/registered-models/create`: creates a registered model. A taken name
 * fails with `RESOURCE_ALREADY_EXISTS` (HTTP 400), which `mlflow.register_model` reads as
 * "exists, go on and add a version". `deployment_job_id` is accepted and ignored, as by
 * MLflow's own server.
 *
 * @example
 * createRegisteredModel.request.parse({ name: 'qa-program', tags: [{ key: 'team', value: 'nlp' }] })
 */
export const createRegisteredModel = defineEndpoint({
  rpc: 'CreateRegisteredModel',
  method: 'POST',
  path: '/api/2.0/mlflow/registered-models/create',
  request: z.object({
    name: requiredString(),
    tags: z.array(registeredModelTagSchema).default([]),
    description: z.string().optional(),
    deploymentJobId: z.string().optional(),
  }),
  response: z.object({ registeredModel: registeredModelSchema }),
})

/** The request of `createRegisteredModel`, camelCase. */
export type CreateRegisteredModelRequest = EndpointRequest<typeof createRegisteredModel>
/** The response of `createRegisteredModel`, camelCase. */
export type CreateRegisteredModelResponse = EndpointResponse<typeof createRegisteredModel>
