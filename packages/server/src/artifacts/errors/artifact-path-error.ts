import { ArtifactStoreError } from './artifact-store-error.ts'

const marker = Symbol.for('@dspyflow/server.artifact-path-error')

/** Why a path was refused; the message stays MLflow's "Invalid path" for all of them. */
export type ArtifactPathProblem =
  | 'not-a-string'
  | 'undecodable'
  | 'control-character'
  | 'fragment'
  | 'backslash'
  | 'parent-segment'
  | 'absolute'
  | 'drive-letter'
  | 'file-uri'
  | 'home-directory'
  | 'reserved-name'
  | 'empty'
  | 'outside-root'

/**
 * A relative artifact path that could leave the artifact root (or is otherwise unusable):
 * `INVALID_PARAMETER_VALUE` with MLflow's message `Invalid path` (`validate_path_is_safe`), or
 * `Invalid path: resolved path is outside the artifact directory` for symlink escapes
 * (`validate_path_within_directory`). `problem` says which rule refused it; `path` is the input.
 *
 * @example
 * try {
 *   safeArtifactPath({ path: '%2e%2e/etc/passwd' })
 * } catch (error) {
 *   if (ArtifactPathError.isInstance(error)) console.log(error.problem) // 'parent-segment'
 * }
 */
export class ArtifactPathError extends ArtifactStoreError {
  readonly [marker] = true
  readonly path: string
  readonly problem: ArtifactPathProblem

  constructor(options: { path: string; problem: ArtifactPathProblem; cause?: unknown }) {
    super({
      code: 'INVALID_PARAMETER_VALUE',
      message:
        options.problem === 'outside-root'
          ? 'Invalid path: resolved path is outside the artifact directory'
          : 'Invalid path',
      cause: options.cause,
    })
    this.name = 'ArtifactPathError'
    this.path = options.path
    this.problem = options.problem
  }

  /** Whether a value is an `ArtifactPathError`, from any copy of the package. */
  static override isInstance(error: unknown): error is ArtifactPathError {
    return typeof error === 'object' && error !== null && marker in error
  }
}
