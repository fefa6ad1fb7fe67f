import { z } from 'zod'
import { registeredModelSchema } from '../../entities/registry/registered-model.ts'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { requiredString } from '../request-fields.ts'

/**
 * `PATCH /api/2.0/mlflow/registered-models/update`: sets the description (absent = empty) and
 * bumps `last_updated_timestamp`. `deployment_job_id` is accepted and ignored.
 *
 * @example
 * updateRegisteredModel.request.parse({ name: 'qa-program', description: 'Answers questions' })
 */
export const updateRegisteredModel = defineEndpoint({
  rpc: 'UpdateRegisteredModel',
  method: 'PATCH',
  path: '/api/2.0/mlflow/registered-models/update',
  request: z.object({
    name: requiredString(),
    description: z.string().optional(),
    deploymentJobId: z.string().optional(),
  }),
  response: z.object({ registeredModel: registeredModelSchema }),
})

/** The request of `updateRegisteredModel`, camelCase. */
export type UpdateRegisteredModelRequest = EndpointRequest<typeof updateRegisteredModel>
/** The response of `updateRegisteredModel`, camelCase. */
export type UpdateRegisteredModelResponse = EndpointResponse<typeof updateRegisteredModel>
