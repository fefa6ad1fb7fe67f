import { ArtifactNotFoundError } from '../errors/artifact-not-found-error.ts'
import { ArtifactStoreError } from '../errors/artifact-store-error.ts'

/** The `code` of a Node file-system error, if any. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code
  return typeof code === 'string' ? code : undefined
}

/** Whether a file-system error means "nothing there". */
export function isMissing(error: unknown): boolean {
  const code = errorCode(error)
  return code === 'ENOENT' || code === 'ENOTDIR'
}

/**
 * Maps a Node file-system error from an operation on `path` to an {@link ArtifactStoreError}:
 * missing → {@link ArtifactNotFoundError}; a file where a folder is needed (or the reverse) →
 * `INVALID_PARAMETER_VALUE`; anything else → `INTERNAL_ERROR` with the error as `cause`.
 *
 * @example
 * throw toArtifactStoreError(error, 'model/MLmodel')
 */
export function toArtifactStoreError(error: unknown, path: string): ArtifactStoreError {
  if (ArtifactStoreError.isInstance(error)) return error
  const code = errorCode(error)
  if (code === 'ENOENT') return new ArtifactNotFoundError({ path, cause: error })
  if (code === 'ENOTDIR' || code === 'EEXIST' || code === 'EISDIR' || code === 'ENOTEMPTY') {
    return new ArtifactStoreError({
      code: 'INVALID_PARAMETER_VALUE',
      message: `Cannot write artifact '${path}': a file and a folder would have the same path`,
      cause: error,
    })
  }
  return new ArtifactStoreError({
    code: 'INTERNAL_ERROR',
    message: `Artifact operation on '${path}' failed: ${(error as Error)?.message ?? String(error)}`,
    cause: error,
  })
}
