import { ArtifactStoreError } from './artifact-store-error.ts'

const marker = Symbol.for('@dspyflow/server.unsupported-artifact-uri-error')

/**
 * An artifact URI whose scheme has no store (or that is malformed): `INVALID_PARAMETER_VALUE`
 * with MLflow's wording, `Could not find a registered artifact repository for: <uri>. Currently
 * registered schemes are: [...]`.
 *
 * @example
 * try {
 *   await openArtifactStore({ uri: 'gs://bucket/path' })
 * } catch (error) {
 *   if (UnsupportedArtifactUriError.isInstance(error)) console.log(error.scheme) // 'gs'
 * }
 */
export class UnsupportedArtifactUriError extends ArtifactStoreError {
  readonly [marker] = true
  readonly uri: string
  readonly scheme: string

  constructor(options: {
    uri: string
    scheme: string
    supportedSchemes: readonly string[]
    reason?: string
  }) {
    super({
      code: 'INVALID_PARAMETER_VALUE',
      message:
        options.reason ??
        `Could not find a registered artifact repository for: ${options.uri}. ` +
          `Currently registered schemes are: [${options.supportedSchemes.map((scheme) => `'${scheme}'`).join(', ')}]`,
    })
    this.name = 'UnsupportedArtifactUriError'
    this.uri = options.uri
    this.scheme = options.scheme
  }

  /** Whether a value is an `UnsupportedArtifactUriError`, from any copy of the package. */
  static override isInstance(error: unknown): error is UnsupportedArtifactUriError {
    return typeof error === 'object' && error !== null && marker in error
  }
}
