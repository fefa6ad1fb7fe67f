import { z } from 'zod'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'

/**
 * `GET /api/2.0/mlflow/model-versions/get-download-uri`: where a version's files are (its
 * resolved storage location, else its source). MLflow's handler has no request schema here:
 * absent fields read as empty and the registry's own checks reject them.
 *
 * @example
 * getModelVersionDownloadUri.request.parse({ name: 'qa-program', version: '1' })
 */
export const getModelVersionDownloadUri = defineEndpoint({
  rpc: 'GetModelVersionDownloadUri',
  method: 'GET',
  path: '/api/2.0/mlflow/model-versions/get-download-uri',
  request: z.object({ name: z.string().default(''), version: z.string().default('') }),
  response: z.object({ artifactUri: z.string() }),
})

/** The request of `getModelVersionDownloadUri`, camelCase. */
export type GetModelVersionDownloadUriRequest = EndpointRequest<typeof getModelVersionDownloadUri>
/** The response of `getModelVersionDownloadUri`, camelCase. */
export type GetModelVersionDownloadUriResponse = EndpointResponse<typeof getModelVersionDownloadUri>
