import { z } from 'zod'
import { registeredModelSchema } from '../../entities/registry/registered-model.ts'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { requiredString } from '../request-fields.ts'

/**
 * `POST /api/2.0/mlflow/registered-models/rename`: renames a registered model and all its
 * versions. A taken `new_name` fails with `RESOURCE_ALREADY_EXISTS` (HTTP 400).
 *
 * @example
 * renameRegisteredModel.request.parse({ name: 'qa', new_name: 'qa-program' })
 */
export const renameRegisteredModel = defineEndpoint({
  rpc: 'RenameRegisteredModel',
  method: 'POST',
  path: '/api/2.0/mlflow/registered-models/rename',
  request: z.object({ name: requiredString(), newName: requiredString() }),
  response: z.object({ registeredModel: registeredModelSchema }),
})

/** The request of `renameRegisteredModel`, camelCase. */
export type RenameRegisteredModelRequest = EndpointRequest<typeof renameRegisteredModel>
/** The response of `renameRegisteredModel`, camelCase. */
export type RenameRegisteredModelResponse = EndpointResponse<typeof renameRegisteredModel>
