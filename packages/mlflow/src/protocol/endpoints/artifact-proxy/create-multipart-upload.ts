import { z } from 'zod'
import { multipartUploadCredentialSchema } from '../../entities/multipart-upload.ts'
import { int64Schema } from '../../entities/proto-types.ts'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { requiredString } from '../request-fields.ts'
import { artifactPathField } from './artifact-path.ts'

/**
 * The message that starts MLflow's error for destinations without multipart support; the
 * Python client falls back to a plain PUT when it sees it (error code `NOT_IMPLEMENTED`).
 */
export const MULTIPART_UPLOAD_NOT_SUPPORTED_MESSAGE =
  'Multipart upload is not supported for the current artifact repository'

/**
 * `POST /api/2.0/mlflow-artifacts/mpu/create/<artifact_path>`: starts a multipart upload to a
 * cloud destination and returns presigned URLs for `numParts` parts. `path` is the client's
 * local file name (informational). Destinations without multipart support answer
 * `NOT_IMPLEMENTED` with {@link MULTIPART_UPLOAD_NOT_SUPPORTED_MESSAGE}.
 *
 * @example
 * createMultipartUpload.request.parse({
 *   artifact_path: '1/a1/artifacts/big.bin', path: 'big.bin', num_parts: 3,
 * })
 */
export const createMultipartUpload = defineEndpoint({
  rpc: 'CreateMultipartUpload',
  method: 'POST',
  path: '/api/2.0/mlflow-artifacts/mpu/create/{artifact_path}',
  request: z.object({
    artifactPath: artifactPathField(),
    path: requiredString(),
    numParts: int64Schema.optional(),
  }),
  response: z.object({
    uploadId: z.string().optional(),
    credentials: z.array(multipartUploadCredentialSchema).default([]),
  }),
})

/** The request of `createMultipartUpload`, camelCase. */
export type CreateMultipartUploadRequest = EndpointRequest<typeof createMultipartUpload>
/** The response of `createMultipartUpload`, camelCase. */
export type CreateMultipartUploadResponse = EndpointResponse<typeof createMultipartUpload>
