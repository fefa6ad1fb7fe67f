import { z } from 'zod'
import { defineEndpoint, type EndpointRequest } from '../endpoint.ts'
import { emptyResponseSchema, requiredString } from '../request-fields.ts'

/**
 * `GET /ajax-api/2.0/mlflow/logged-models/{model_id}/artifacts/files?artifact_file_path=…`
 * (web UI only): one file of a logged model, streamed with download headers. A missing
 * `artifact_file_path` is `BAD_REQUEST`, an unknown or deleted model `RESOURCE_DOES_NOT_EXIST`.
 * The response is not JSON (`responseBody: 'bytes'`).
 *
 * @example
 * getLoggedModelArtifact.request.parse({
 *   model_id: 'm-0123456789abcdef0123456789abcdef',
 *   artifact_file_path: 'MLmodel',
 * })
 */
export const getLoggedModelArtifact = defineEndpoint({
  rpc: 'GetLoggedModelArtifact',
  method: 'GET',
  path: '/ajax-api/2.0/mlflow/logged-models/{model_id}/artifacts/files',
  responseBody: 'bytes',
  request: z.object({ modelId: requiredString(), artifactFilePath: z.string().optional() }),
  response: emptyResponseSchema,
})

/** The request of `getLoggedModelArtifact`, camelCase. */
export type GetLoggedModelArtifactRequest = EndpointRequest<typeof getLoggedModelArtifact>
