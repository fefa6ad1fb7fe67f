/**
 * @module error-codes
 * MLflow's error codes (`databricks.proto` `ErrorCode`), their proto numbers, and the HTTP
 * status the tracking server answers each with (`mlflow/exceptions.py`).
 */

/**
 * The error codes an MLflow server or client may use, with their proto numbers.
 *
 * @example
 * ERROR_CODE_NUMBERS.RESOURCE_DOES_NOT_EXIST // 3002
 */
export const ERROR_CODE_NUMBERS = {
  INTERNAL_ERROR: 1,
  TEMPORARILY_UNAVAILABLE: 2,
  IO_ERROR: 3,
  BAD_REQUEST: 4,
  SERVICE_UNDER_MAINTENANCE: 5,
  WORKSPACE_TEMPORARILY_UNAVAILABLE: 6,
  DEADLINE_EXCEEDED: 7,
  CANCELLED: 8,
  RESOURCE_EXHAUSTED: 9,
  ABORTED: 10,
  NOT_FOUND: 11,
  ALREADY_EXISTS: 12,
  UNAUTHENTICATED: 13,
  INVALID_PARAMETER_VALUE: 1000,
  ENDPOINT_NOT_FOUND: 1001,
  MALFORMED_REQUEST: 1002,
  INVALID_STATE: 1003,
  PERMISSION_DENIED: 1004,
  FEATURE_DISABLED: 1005,
  CUSTOMER_UNAUTHORIZED: 1006,
  REQUEST_LIMIT_EXCEEDED: 1007,
  RESOURCE_CONFLICT: 1008,
  UNPARSEABLE_HTTP_ERROR: 1009,
  NOT_IMPLEMENTED: 1010,
  DATA_LOSS: 1011,
  INVALID_STATE_TRANSITION: 2001,
  COULD_NOT_ACQUIRE_LOCK: 2002,
  RESOURCE_ALREADY_EXISTS: 3001,
  RESOURCE_DOES_NOT_EXIST: 3002,
  QUOTA_EXCEEDED: 4001,
  MAX_BLOCK_SIZE_EXCEEDED: 4002,
  MAX_READ_SIZE_EXCEEDED: 4003,
  PARTIAL_DELETE: 4004,
  MAX_LIST_SIZE_EXCEEDED: 4005,
  DRY_RUN_FAILED: 5001,
  RESOURCE_LIMIT_EXCEEDED: 5002,
} as const

/** An MLflow error code name such as `'RESOURCE_DOES_NOT_EXIST'`. */
export type MlflowErrorCode = keyof typeof ERROR_CODE_NUMBERS

/**
 * The HTTP status of each error code that MLflow maps; every other code answers 500.
 * Note `RESOURCE_ALREADY_EXISTS` is 400, not 409.
 *
 * @example
 * ERROR_CODE_HTTP_STATUS.RESOURCE_ALREADY_EXISTS // 400
 */
export const ERROR_CODE_HTTP_STATUS: Readonly<Partial<Record<MlflowErrorCode, number>>> = {
  INVALID_PARAMETER_VALUE: 400,
  BAD_REQUEST: 400,
  RESOURCE_ALREADY_EXISTS: 400,
  CUSTOMER_UNAUTHORIZED: 401,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  RESOURCE_DOES_NOT_EXIST: 404,
  NOT_FOUND: 404,
  ENDPOINT_NOT_FOUND: 404,
  ABORTED: 409,
  RESOURCE_CONFLICT: 409,
  ALREADY_EXISTS: 409,
  REQUEST_LIMIT_EXCEEDED: 429,
  RESOURCE_EXHAUSTED: 429,
  CANCELLED: 499,
  INTERNAL_ERROR: 500,
  INVALID_STATE: 500,
  DATA_LOSS: 500,
  NOT_IMPLEMENTED: 501,
  TEMPORARILY_UNAVAILABLE: 503,
  DEADLINE_EXCEEDED: 504,
}

/**
 * Whether a string is a known MLflow error code.
 *
 * @example
 * isMlflowErrorCode('INVALID_STATE') // true
 */
export function isMlflowErrorCode(code: string): code is MlflowErrorCode {
  return Object.hasOwn(ERROR_CODE_NUMBERS, code)
}

/**
 * The HTTP status a server answers an error code with (500 for codes MLflow does not map,
 * including unknown ones).
 *
 * @example
 * httpStatusForErrorCode('RESOURCE_DOES_NOT_EXIST') // 404
 */
export function httpStatusForErrorCode(code: string): number {
  return isMlflowErrorCode(code) ? (ERROR_CODE_HTTP_STATUS[code] ?? 500) : 500
}

const statusCodes: Readonly<Record<number, MlflowErrorCode>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'ENDPOINT_NOT_FOUND',
  409: 'ALREADY_EXISTS',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL_ERROR',
  501: 'NOT_IMPLEMENTED',
  503: 'TEMPORARILY_UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
}

/**
 * The error code a client reads from an HTTP status when the body is not MLflow JSON, as the
 * Python client does (a non-JSON 404 means `ENDPOINT_NOT_FOUND`, which drives its fallbacks).
 *
 * @example
 * errorCodeForHttpStatus(404) // 'ENDPOINT_NOT_FOUND'
 */
export function errorCodeForHttpStatus(status: number): MlflowErrorCode {
  return statusCodes[status] ?? 'INTERNAL_ERROR'
}
