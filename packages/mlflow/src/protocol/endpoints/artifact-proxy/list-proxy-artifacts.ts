import { z } from 'zod'
import { fileInfoSchema } from '../../entities/file-info.ts'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'

/**
 * `GET /api/2.0/mlflow-artifacts/artifacts?path=…`: the entries of a directory under the
 * artifact destination (absent `path` = root). Unlike `artifacts/list`, `files[].path` is the
 * base name only; a directory that does not exist lists as `{}`.
 *
 * @example
 * listProxyArtifacts.request.parse({ path: '1/a1/artifacts/model' })
 */
export const listProxyArtifacts = defineEndpoint({
  rpc: 'ListArtifacts',
  method: 'GET',
  path: '/api/2.0/mlflow-artifacts/artifacts',
  request: z.object({ path: z.string().optional() }),
  response: z.object({ files: z.array(fileInfoSchema).default([]) }),
})

/** The request of `listProxyArtifacts`, camelCase. */
export type ListProxyArtifactsRequest = EndpointRequest<typeof listProxyArtifacts>
/** The response of `listProxyArtifacts`, camelCase. */
export type ListProxyArtifactsResponse = EndpointResponse<typeof listProxyArtifacts>
