import { z } from 'zod'
import { modelVersionSchema } from '../../entities/registry/model-version.ts'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { requiredString } from '../request-fields.ts'

/**
 * `GET /api/2.0/mlflow/model-versions/get`: one model version with its tags and aliases.
 * `version` must be an integer string (400 otherwise); unknown or deleted → 404.
 *
 * @example
 * getModelVersion.request.parse({ name: 'qa-program', version: '1' })
 */
export const getModelVersion = defineEndpoint({
  rpc: 'GetModelVersion',
  method: 'GET',
  path: '/api/2.0/mlflow/model-versions/get',
  request: z.object({ name: requiredString(), version: requiredString() }),
  response: z.object({ modelVersion: modelVersionSchema }),
})

/** The request of `getModelVersion`, camelCase. */
export type GetModelVersionRequest = EndpointRequest<typeof getModelVersion>
/** The response of `getModelVersion`, camelCase. */
export type GetModelVersionResponse = EndpointResponse<typeof getModelVersion>
