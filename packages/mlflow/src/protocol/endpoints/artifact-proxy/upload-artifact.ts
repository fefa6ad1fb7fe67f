import { z } from 'zod'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { emptyResponseSchema } from '../request-fields.ts'
import { ARTIFACT_PROXY_PATH, artifactPathField } from './artifact-path.ts'

/**
 * `PUT /api/2.0/mlflow-artifacts/artifacts/<artifact_path>`: writes the raw request body (any
 * `Content-Type`) to the path, creating directories and overwriting a file; answers `{}`.
 *
 * @example
 * fillPath(uploadArtifact.path, { artifact_path: '1/a1/artifacts/program.json' })
 */
export const uploadArtifact = defineEndpoint({
  rpc: 'UploadArtifact',
  method: 'PUT',
  path: ARTIFACT_PROXY_PATH,
  requestBody: 'bytes',
  request: z.object({ artifactPath: artifactPathField() }),
  response: emptyResponseSchema,
})

/** The request of `uploadArtifact` (the bytes travel as the body), camelCase. */
export type UploadArtifactRequest = EndpointRequest<typeof uploadArtifact>
/** The response of `uploadArtifact`, camelCase. */
export type UploadArtifactResponse = EndpointResponse<typeof uploadArtifact>
