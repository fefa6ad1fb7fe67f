import { z } from 'zod'
import { multipartUploadPartSchema } from '../../entities/multipart-upload.ts'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { emptyResponseSchema, requiredString } from '../request-fields.ts'
import { artifactPathField } from './artifact-path.ts'

/**
 * `POST /api/2.0/mlflow-artifacts/mpu/complete/<artifact_path>`: completes a multipart upload
 * with the uploaded parts' etags.
 *
 * @example
 * completeMultipartUpload.request.parse({
 *   artifact_path: '1/a1/artifacts/big.bin', path: 'big.bin', upload_id: 'u1',
 *   parts: [{ part_number: 1, etag: 'e1' }],
 * })
 */
export const completeMultipartUpload = defineEndpoint({
  rpc: 'CompleteMultipartUpload',
  method: 'POST',
  path: '/api/2.0/mlflow-artifacts/mpu/complete/{artifact_path}',
  request: z.object({
    artifactPath: artifactPathField(),
    path: requiredString(),
    uploadId: z.string().optional(),
    parts: z.array(multipartUploadPartSchema),
  }),
  response: emptyResponseSchema,
})

/** The request of `completeMultipartUpload`, camelCase. */
export type CompleteMultipartUploadRequest = EndpointRequest<typeof completeMultipartUpload>
/** The response of `completeMultipartUpload`, camelCase. */
export type CompleteMultipartUploadResponse = EndpointResponse<typeof completeMultipartUpload>
