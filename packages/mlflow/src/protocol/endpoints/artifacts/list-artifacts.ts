import { z } from 'zod'
import { fileInfoSchema } from '../../entities/file-info.ts'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { requiredString, withRunUuidAlias } from '../request-fields.ts'

/**
 * `GET /api/2.0/mlflow/artifacts/list?run_id=…&path=…`: the entries of one directory of a run's
 * artifacts. `rootUri` is the run's artifact URI; `files[].path` is relative to it and
 * includes the listed directory (`model/MLmodel`). `pageToken` is accepted and ignored.
 *
 * @example
 * listArtifacts.request.parse({ run_id: 'a1', path: 'model' })
 * // { runId: 'a1', path: 'model' }
 */
export const listArtifacts = defineEndpoint({
  rpc: 'ListArtifacts',
  method: 'GET',
  path: '/api/2.0/mlflow/artifacts/list',
  request: withRunUuidAlias(
    z.object({
      runId: requiredString(),
      path: z.string().optional(),
      pageToken: z.string().optional(),
    }),
  ),
  response: z.object({
    rootUri: z.string().optional(),
    files: z.array(fileInfoSchema).default([]),
    nextPageToken: z.string().optional(),
  }),
})

/** The request of `listArtifacts`, camelCase. */
export type ListArtifactsRequest = EndpointRequest<typeof listArtifacts>
/** The response of `listArtifacts`, camelCase. */
export type ListArtifactsResponse = EndpointResponse<typeof listArtifacts>
