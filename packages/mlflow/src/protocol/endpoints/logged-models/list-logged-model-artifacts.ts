import { z } from 'zod'
import { fileInfoSchema } from '../../entities/file-info.ts'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { requiredString } from '../request-fields.ts'

/**
 * `GET /api/2.0/mlflow/logged-models/{model_id}/artifacts/directories`: one directory of a
 * model's files, like the run listing but rooted at the model's `artifact_uri` (`rootUri`);
 * `files[].path` is relative to that root and includes the listed directory.
 *
 * @example
 * listLoggedModelArtifacts.request.parse({
 *   model_id: 'm-0123456789abcdef0123456789abcdef',
 *   artifact_directory_path: 'code',
 * })
 */
export const listLoggedModelArtifacts = defineEndpoint({
  rpc: 'ListLoggedModelArtifacts',
  method: 'GET',
  path: '/api/2.0/mlflow/logged-models/{model_id}/artifacts/directories',
  request: z.object({
    modelId: requiredString(),
    artifactDirectoryPath: z.string().optional(),
    pageToken: z.string().optional(),
  }),
  response: z.object({
    rootUri: z.string().optional(),
    files: z.array(fileInfoSchema).default([]),
    nextPageToken: z.string().optional(),
  }),
})

/** The request of `listLoggedModelArtifacts`, camelCase. */
export type ListLoggedModelArtifactsRequest = EndpointRequest<typeof listLoggedModelArtifacts>
/** The response of `listLoggedModelArtifacts`, camelCase. */
export type ListLoggedModelArtifactsResponse = EndpointResponse<typeof listLoggedModelArtifacts>
