const marker = Symbol.for('@dspyflow/server.artifact-store-error')

/**
 * The MLflow error codes an artifact store raises; the server answers each with MLflow's HTTP
 * status (`INVALID_PARAMETER_VALUE` 400, `RESOURCE_DOES_NOT_EXIST` 404, `PERMISSION_DENIED` 403,
 * `NOT_IMPLEMENTED` 501, `INTERNAL_ERROR` 500).
 */
export type ArtifactStoreErrorCode =
  | 'INVALID_PARAMETER_VALUE'
  | 'RESOURCE_DOES_NOT_EXIST'
  | 'PERMISSION_DENIED'
  | 'NOT_IMPLEMENTED'
  | 'INTERNAL_ERROR'

/** Options of the {@link ArtifactStoreError} constructor. */
export interface ArtifactStoreErrorOptions {
  code: ArtifactStoreErrorCode
  message: string
  cause?: unknown
}

/**
 * The base of every error an artifact store throws: a stable MLflow `code` and MLflow's message.
 * Check with `ArtifactStoreError.isInstance(error)`, which works across copies of the package;
 * the subclasses ({@link ArtifactPathError}, {@link ArtifactNotFoundError},
 * {@link UnsupportedArtifactUriError}) add typed fields.
 *
 * @example
 * try {
 *   await store.get({ path: 'model/MLmodel' })
 * } catch (error) {
 *   if (ArtifactStoreError.isInstance(error)) console.log(error.code, error.message)
 * }
 */
export class ArtifactStoreError extends Error {
  readonly [marker] = true
  readonly code: ArtifactStoreErrorCode

  constructor(options: ArtifactStoreErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'ArtifactStoreError'
    this.code = options.code
  }

  /** Whether a value is an `ArtifactStoreError` (or a subclass), from any copy of the package. */
  static isInstance(error: unknown): error is ArtifactStoreError {
    return typeof error === 'object' && error !== null && marker in error
  }
}
