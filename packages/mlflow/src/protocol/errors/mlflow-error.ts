import type { ErrorBody } from './error-body.ts'
import {
  errorCodeForHttpStatus,
  httpStatusForErrorCode,
  isMlflowErrorCode,
  type MlflowErrorCode,
} from './error-codes.ts'

const marker = Symbol.for('@dspyflow/mlflow.error')

/**
 * An error with an MLflow error code: the server answers it as `{ error_code, message }` with
 * `httpStatus`; the client throws it for MLflow error responses. Check with
 * `MlflowError.isInstance(e)`, which works across copies of the package, not `instanceof`.
 *
 * @example
 * throw new MlflowError({
 *   errorCode: 'RESOURCE_DOES_NOT_EXIST',
 *   message: 'No Experiment with id=99 exists',
 * })
 */
export class MlflowError extends Error {
  readonly [marker] = true
  readonly errorCode: MlflowErrorCode
  readonly httpStatus: number

  constructor(options: {
    errorCode: MlflowErrorCode
    message: string
    httpStatus?: number
    cause?: unknown
  }) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'MlflowError'
    this.errorCode = options.errorCode
    this.httpStatus = options.httpStatus ?? httpStatusForErrorCode(options.errorCode)
  }

  /** Whether a value is an `MlflowError` (from any copy of this package). */
  static isInstance(error: unknown): error is MlflowError {
    return typeof error === 'object' && error !== null && marker in error
  }

  /**
   * An `INVALID_PARAMETER_VALUE` error (HTTP 400), the code of every validation failure.
   *
   * @example
   * MlflowError.invalidParameterValue("Missing value for required parameter 'name'.")
   */
  static invalidParameterValue(message: string, cause?: unknown): MlflowError {
    return new MlflowError({ errorCode: 'INVALID_PARAMETER_VALUE', message, cause })
  }

  /**
   * The error a client raises for an error response: the body's code when it is a known one
   * (else `INTERNAL_ERROR`), or the code the status implies when there is no MLflow body.
   *
   * @example
   * MlflowError.fromResponse({ httpStatus: 404 }).errorCode // 'ENDPOINT_NOT_FOUND'
   */
  static fromResponse(options: { httpStatus: number; body?: ErrorBody }): MlflowError {
    const { body, httpStatus } = options
    if (body === undefined) {
      return new MlflowError({
        errorCode: errorCodeForHttpStatus(httpStatus),
        message: `HTTP ${httpStatus}`,
        httpStatus,
      })
    }
    const errorCode = isMlflowErrorCode(body.error_code) ? body.error_code : 'INTERNAL_ERROR'
    return new MlflowError({ errorCode, message: body.message, httpStatus })
  }

  /** The JSON body a server sends for this error. */
  toBody(): ErrorBody {
    return { error_code: this.errorCode, message: this.message }
  }
}
