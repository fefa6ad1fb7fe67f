/**
 * @module error-response
 * Turns any error a handler throws into MLflow's JSON error answer: `{error_code, message}` with
 * the status of the protocol's code → status table. Errors we do not know are logged and
 * answered `500 INTERNAL_ERROR` with a fixed message, so internals never reach the client.
 */
import { MlflowError, requestValidationError } from '@dspyflow/mlflow/protocol'
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { z } from 'zod'
import { ArtifactStoreError } from '../../artifacts/errors/artifact-store-error.ts'
import { StoreError } from '../../stores/store-error.ts'
import type { TrackingServerLogger } from '../logger.ts'

/** The message of every unexpected failure; details go to the log only. */
export const INTERNAL_ERROR_MESSAGE = 'Internal server error. See the server log for details.'

/**
 * The `MlflowError` an error stands for: MLflow errors as they are, store and artifact-store
 * errors by their code (`INVALID_STATE` answered 400, not MLflow's 500: it is deterministic),
 * zod errors as `INVALID_PARAMETER_VALUE`; `undefined` for anything else.
 *
 * @example
 * toMlflowError(new StoreError({ code: 'RESOURCE_DOES_NOT_EXIST', message: 'Run with id=x not found' }))
 * // MlflowError RESOURCE_DOES_NOT_EXIST (404)
 */
export function toMlflowError(error: unknown): MlflowError | undefined {
  if (MlflowError.isInstance(error)) return error
  if (StoreError.isInstance(error) || ArtifactStoreError.isInstance(error)) {
    // A state precondition (renaming a deleted experiment) is the client's mistake: MLflow
    // answers 500, which clients retry for minutes; answer 400 with the same code.
    const httpStatus = error.code === 'INVALID_STATE' ? 400 : undefined
    return new MlflowError({
      errorCode: error.code,
      message: error.message,
      httpStatus,
      cause: error,
    })
  }
  if (error instanceof z.ZodError) return requestValidationError(error, undefined)
  return undefined
}

/**
 * A JSON error response for an MLflow error.
 *
 * @example
 * mlflowErrorResponse(MlflowError.invalidParameterValue('Invalid path')) // 400 {"error_code":…}
 */
export function mlflowErrorResponse(error: MlflowError): Response {
  return new Response(JSON.stringify(error.toBody()), {
    status: error.httpStatus,
    headers: { 'content-type': 'application/json' },
  })
}

/** Options of {@link createErrorHandler}. */
export interface ErrorHandlerOptions {
  logger: TrackingServerLogger
}

/**
 * The `app.onError` handler of the tracking server.
 *
 * @example
 * app.onError(createErrorHandler({ logger }))
 */
export function createErrorHandler(options: ErrorHandlerOptions) {
  return (error: Error, context: Context): Response => {
    const known = toMlflowError(error)
    if (known !== undefined) {
      if (known.httpStatus >= 500 && known.errorCode !== 'NOT_IMPLEMENTED') {
        logError(options.logger, context, error)
      }
      return mlflowErrorResponse(known)
    }
    if (error instanceof HTTPException && error.status < 500) {
      const errorCode = error.status === 404 ? 'ENDPOINT_NOT_FOUND' : 'BAD_REQUEST'
      return mlflowErrorResponse(
        new MlflowError({ errorCode, message: error.message, httpStatus: error.status }),
      )
    }
    logError(options.logger, context, error)
    return mlflowErrorResponse(
      new MlflowError({ errorCode: 'INTERNAL_ERROR', message: INTERNAL_ERROR_MESSAGE }),
    )
  }
}

function logError(logger: TrackingServerLogger, context: Context, error: unknown): void {
  logger.error({
    event: 'request-error',
    method: context.req.method,
    path: context.req.path,
    error: error instanceof Error ? error.name : typeof error,
    message: error instanceof Error ? error.message : String(error),
    stack: error instanceof Error ? error.stack : undefined,
  })
}
