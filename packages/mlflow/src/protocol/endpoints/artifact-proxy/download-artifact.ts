import { z } from 'zod'
import { defineEndpoint, type EndpointRequest } from '../endpoint.ts'
import { emptyResponseSchema } from '../request-fields.ts'
import { ARTIFACT_PROXY_PATH, artifactPathField } from './artifact-path.ts'

/**
 * `GET /api/2.0/mlflow-artifacts/artifacts/<artifact_path>`: the file's bytes, streamed, with
 * `Content-Disposition: attachment; filename=<basename>`, a guessed MIME type and
 * `X-Content-Type-Options: nosniff`. The response is not JSON (`responseBody: 'bytes'`).
 *
 * @example
 * fillPath(downloadArtifact.path, { artifact_path: '1/a1/artifacts/model/MLmodel' })
 */
export const downloadArtifact = defineEndpoint({
  rpc: 'DownloadArtifact',
  method: 'GET',
  path: ARTIFACT_PROXY_PATH,
  responseBody: 'bytes',
  request: z.object({ artifactPath: artifactPathField() }),
  response: emptyResponseSchema,
})

/** The request of `downloadArtifact`, camelCase. */
export type DownloadArtifactRequest = EndpointRequest<typeof downloadArtifact>
