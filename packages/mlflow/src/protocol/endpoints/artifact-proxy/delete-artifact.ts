import { z } from 'zod'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { emptyResponseSchema } from '../request-fields.ts'
import { ARTIFACT_PROXY_PATH, artifactPathField } from './artifact-path.ts'

/**
 * `DELETE /api/2.0/mlflow-artifacts/artifacts/<artifact_path>`: deletes a file or a directory
 * tree; answers `{}`.
 *
 * @example
 * fillPath(deleteArtifact.path, { artifact_path: '1/a1/artifacts/tmp' })
 */
export const deleteArtifact = defineEndpoint({
  rpc: 'DeleteArtifact',
  method: 'DELETE',
  path: ARTIFACT_PROXY_PATH,
  request: z.object({ artifactPath: artifactPathField() }),
  response: emptyResponseSchema,
})

/** The request of `deleteArtifact`, camelCase. */
export type DeleteArtifactRequest = EndpointRequest<typeof deleteArtifact>
/** The response of `deleteArtifact`, camelCase. */
export type DeleteArtifactResponse = EndpointResponse<typeof deleteArtifact>
