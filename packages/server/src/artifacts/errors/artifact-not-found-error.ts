import { ArtifactStoreError } from './artifact-store-error.ts'

const marker = Symbol.for('@dspyflow/server.artifact-not-found-error')

/**
 * A file (or multipart upload) that does not exist: `RESOURCE_DOES_NOT_EXIST` (HTTP 404) with
 * MLflow's message `No such artifact: '<path>'` (`LocalArtifactRepository`), or
 * `No such multipart upload: '<uploadId>'` when `uploadId` is set.
 *
 * @example
 * try {
 *   await store.get({ path: 'missing.txt' })
 * } catch (error) {
 *   if (ArtifactNotFoundError.isInstance(error)) console.log(error.path) // 'missing.txt'
 * }
 */
export class ArtifactNotFoundError extends ArtifactStoreError {
  readonly [marker] = true
  readonly path: string
  readonly uploadId: string | undefined

  constructor(options: { path: string; uploadId?: string; cause?: unknown }) {
    super({
      code: 'RESOURCE_DOES_NOT_EXIST',
      message:
        options.uploadId === undefined
          ? `No such artifact: '${options.path}'`
          : `No such multipart upload: '${options.uploadId}'`,
      cause: options.cause,
    })
    this.name = 'ArtifactNotFoundError'
    this.path = options.path
    this.uploadId = options.uploadId
  }

  /** Whether a value is an `ArtifactNotFoundError`, from any copy of the package. */
  static override isInstance(error: unknown): error is ArtifactNotFoundError {
    return typeof error === 'object' && error !== null && marker in error
  }
}
