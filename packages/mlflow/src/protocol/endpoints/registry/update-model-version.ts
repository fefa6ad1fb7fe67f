import { z } from 'zod'
import { modelVersionSchema } from '../../entities/registry/model-version.ts'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { requiredString } from '../request-fields.ts'

/**
 * `PATCH /api/2.0/mlflow/model-versions/update`: sets a version's description (absent =
 * cleared) and bumps `last_updated_timestamp`.
 *
 * @example
 * updateModelVersion.request.parse({ name: 'qa-program', version: '1', description: 'v1' })
 */
export const updateModelVersion = defineEndpoint({
  rpc: 'UpdateModelVersion',
  method: 'PATCH',
  path: '/api/2.0/mlflow/model-versions/update',
  request: z.object({
    name: requiredString(),
    version: requiredString(),
    description: z.string().optional(),
  }),
  response: z.object({ modelVersion: modelVersionSchema }),
})

/** The request of `updateModelVersion`, camelCase. */
export type UpdateModelVersionRequest = EndpointRequest<typeof updateModelVersion>
/** The response of `updateModelVersion`, camelCase. */
export type UpdateModelVersionResponse = EndpointResponse<typeof updateModelVersion>
