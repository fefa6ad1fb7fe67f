const marker = Symbol.for('@dspyflow/server.store-error')

/**
 * The MLflow error codes a tracking store raises. They are MLflow's own `error_code` names, so
 * the server maps them to HTTP statuses with the protocol's one table.
 */
export type StoreErrorCode =
  | 'RESOURCE_DOES_NOT_EXIST'
  | 'RESOURCE_ALREADY_EXISTS'
  | 'INVALID_PARAMETER_VALUE'
  | 'INVALID_STATE'
  | 'BAD_REQUEST'
  | 'INTERNAL_ERROR'

/**
 * The one error every tracking store throws: a stable MLflow `code` and the message MLflow's SQL
 * store shows for the same mistake (the Python client prints it as `<CODE>: <message>`). Check
 * with `StoreError.isInstance(error)`, which works across copies of the package.
 *
 * @example
 * try {
 *   await store.getRunOrThrow({ runId: 'nope' })
 * } catch (error) {
 *   if (StoreError.isInstance(error) && error.code === 'RESOURCE_DOES_NOT_EXIST') {
 *     console.log(error.message) // Run with id=nope not found
 *   }
 * }
 */
export class StoreError extends Error {
  readonly [marker] = true
  readonly code: StoreErrorCode

  constructor(options: { code: StoreErrorCode; message: string; cause?: unknown }) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause })
    this.code = options.code
    this.name = 'StoreError'
  }

  static isInstance(error: unknown): error is StoreError {
    return typeof error === 'object' && error !== null && marker in error
  }

  /** Shorthand for the most common code, `INVALID_PARAMETER_VALUE`. */
  static invalidParameter(message: string, cause?: unknown): StoreError {
    return new StoreError({ code: 'INVALID_PARAMETER_VALUE', message, cause })
  }
}
