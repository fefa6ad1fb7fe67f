/**
 * @module errors
 * MLflow's error codes, their HTTP statuses, the error body and `MlflowError`.
 */
export { type ErrorBody, errorBodySchema } from './error-body.ts'
export {
  ERROR_CODE_HTTP_STATUS,
  ERROR_CODE_NUMBERS,
  errorCodeForHttpStatus,
  httpStatusForErrorCode,
  isMlflowErrorCode,
  type MlflowErrorCode,
} from './error-codes.ts'
export { MlflowError } from './mlflow-error.ts'
export {
  API_DOCS_HINT,
  type MlflowIssueParams,
  requestIssueMessage,
  requestValidationError,
} from './request-validation-error.ts'
