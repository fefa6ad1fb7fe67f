import { ArtifactNotFoundError } from '../errors/artifact-not-found-error.ts'
import { ArtifactStoreError } from '../errors/artifact-store-error.ts'
import type { S3ErrorLike } from './s3-artifact-client.ts'

/** The S3 error code of an SDK error (`NoSuchKey`, `NotFound`, …) and its HTTP status. */
export function s3ErrorCode(error: unknown): { name: string; status: number | undefined } {
  const like = (typeof error === 'object' && error !== null ? error : {}) as S3ErrorLike
  return {
    name: typeof like.name === 'string' ? like.name : '',
    status: like.$metadata?.httpStatusCode,
  }
}

/** Whether an S3 error means "no such key". */
export function isS3NotFound(error: unknown): boolean {
  const { name, status } = s3ErrorCode(error)
  return name === 'NoSuchKey' || name === 'NotFound' || status === 404
}

const invalidPartErrors = new Set([
  'InvalidPart',
  'InvalidPartOrder',
  'EntityTooSmall',
  'EntityTooLarge',
  'InvalidArgument',
  'MalformedXML',
])

/**
 * Maps an S3 error from an operation on `path` to an {@link ArtifactStoreError}: missing keys
 * and uploads → {@link ArtifactNotFoundError}, bad parts → `INVALID_PARAMETER_VALUE`, access
 * denied → `PERMISSION_DENIED`, anything else → `INTERNAL_ERROR` with the error as `cause`.
 *
 * @example
 * throw toS3ArtifactError(error, { path: 'model/MLmodel' })
 */
export function toS3ArtifactError(
  error: unknown,
  context: { path: string; uploadId?: string },
): ArtifactStoreError {
  if (ArtifactStoreError.isInstance(error)) return error
  const { name, status } = s3ErrorCode(error)
  const message = (error as Error | undefined)?.message ?? String(error)
  if (name === 'NoSuchUpload') {
    return new ArtifactNotFoundError({
      path: context.path,
      uploadId: context.uploadId ?? '',
      cause: error,
    })
  }
  if (isS3NotFound(error)) return new ArtifactNotFoundError({ path: context.path, cause: error })
  if (invalidPartErrors.has(name)) {
    return new ArtifactStoreError({ code: 'INVALID_PARAMETER_VALUE', message, cause: error })
  }
  if (name === 'AccessDenied' || status === 403) {
    return new ArtifactStoreError({ code: 'PERMISSION_DENIED', message, cause: error })
  }
  return new ArtifactStoreError({
    code: 'INTERNAL_ERROR',
    message: `S3 request for '${context.path}' failed: ${name ? `${name}: ` : ''}${message}`,
    cause: error,
  })
}
