import { z } from 'zod'
import { modelVersionSchema } from '../../entities/registry/model-version.ts'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { requiredString } from '../request-fields.ts'

/**
 * `POST /api/2.0/mlflow/registered-models/get-latest-versions` (also GET): the newest version
 * of each requested stage (every stage when `stages` is empty; stage names in any case).
 * The Python client tries POST, then GET.
 *
 * @example
 * getLatestVersions.request.parse({ name: 'qa-program', stages: ['production'] })
 */
export const getLatestVersions = defineEndpoint({
  rpc: 'GetLatestVersions',
  method: 'POST',
  methods: ['POST', 'GET'],
  path: '/api/2.0/mlflow/registered-models/get-latest-versions',
  request: z.object({ name: requiredString(), stages: z.array(z.string()).default([]) }),
  response: z.object({ modelVersions: z.array(modelVersionSchema).default([]) }),
})

/** The request of `getLatestVersions`, camelCase. */
export type GetLatestVersionsRequest = EndpointRequest<typeof getLatestVersions>
/** The response of `getLatestVersions`, camelCase. */
export type GetLatestVersionsResponse = EndpointResponse<typeof getLatestVersions>
