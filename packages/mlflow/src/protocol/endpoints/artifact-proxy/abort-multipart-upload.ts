import { z } from 'zod'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { emptyResponseSchema, requiredString } from '../request-fields.ts'
import { artifactPathField } from './artifact-path.ts'

/**
 * `POST /api/2.0/mlflow-artifacts/mpu/abort/<artifact_path>`: aborts a multipart upload.
 *
 * @example
 * abortMultipartUpload.request.parse({
 *   artifact_path: '1/a1/artifacts/big.bin', path: 'big.bin', upload_id: 'u1',
 * })
 */
export const abortMultipartUpload = defineEndpoint({
  rpc: 'AbortMultipartUpload',
  method: 'POST',
  path: '/api/2.0/mlflow-artifacts/mpu/abort/{artifact_path}',
  request: z.object({
    artifactPath: artifactPathField(),
    path: requiredString(),
    uploadId: z.string().optional(),
  }),
  response: emptyResponseSchema,
})

/** The request of `abortMultipartUpload`, camelCase. */
export type AbortMultipartUploadRequest = EndpointRequest<typeof abortMultipartUpload>
/** The response of `abortMultipartUpload`, camelCase. */
export type AbortMultipartUploadResponse = EndpointResponse<typeof abortMultipartUpload>
