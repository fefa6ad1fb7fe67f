import { describe, expect, it } from 'vitest'
import {
  ERROR_CODE_NUMBERS,
  errorCodeForHttpStatus,
  httpStatusForErrorCode,
  isMlflowErrorCode,
} from './error-codes.ts'

describe('error code → HTTP status (server side)', () => {
  it.each([
    ['INVALID_PARAMETER_VALUE', 400],
    ['BAD_REQUEST', 400],
    ['RESOURCE_ALREADY_EXISTS', 400],
    ['CUSTOMER_UNAUTHORIZED', 401],
    ['UNAUTHENTICATED', 401],
    ['PERMISSION_DENIED', 403],
    ['RESOURCE_DOES_NOT_EXIST', 404],
    ['NOT_FOUND', 404],
    ['ENDPOINT_NOT_FOUND', 404],
    ['ABORTED', 409],
    ['RESOURCE_CONFLICT', 409],
    ['ALREADY_EXISTS', 409],
    ['REQUEST_LIMIT_EXCEEDED', 429],
    ['RESOURCE_EXHAUSTED', 429],
    ['CANCELLED', 499],
    ['INTERNAL_ERROR', 500],
    ['INVALID_STATE', 500],
    ['DATA_LOSS', 500],
    ['NOT_IMPLEMENTED', 501],
    ['TEMPORARILY_UNAVAILABLE', 503],
    ['DEADLINE_EXCEEDED', 504],
    ['RESOURCE_LIMIT_EXCEEDED', 500],
    ['FEATURE_DISABLED', 500],
    ['MALFORMED_REQUEST', 500],
    ['INVALID_STATE_TRANSITION', 500],
    ['SOMETHING_NEW', 500],
  ])('%s → %i', (code, status) => {
    expect(httpStatusForErrorCode(code)).toBe(status)
  })
})

describe('HTTP status → error code (client side, non-JSON bodies)', () => {
  it.each([
    [400, 'BAD_REQUEST'],
    [401, 'UNAUTHENTICATED'],
    [403, 'PERMISSION_DENIED'],
    [404, 'ENDPOINT_NOT_FOUND'],
    [409, 'ALREADY_EXISTS'],
    [429, 'RESOURCE_EXHAUSTED'],
    [500, 'INTERNAL_ERROR'],
    [501, 'NOT_IMPLEMENTED'],
    [502, 'INTERNAL_ERROR'],
    [503, 'TEMPORARILY_UNAVAILABLE'],
    [504, 'DEADLINE_EXCEEDED'],
  ])('%i → %s', (status, code) => {
    expect(errorCodeForHttpStatus(status)).toBe(code)
  })
})

describe('error code numbers', () => {
  it('match databricks.proto', () => {
    expect(ERROR_CODE_NUMBERS).toMatchObject({
      INTERNAL_ERROR: 1,
      BAD_REQUEST: 4,
      INVALID_PARAMETER_VALUE: 1000,
      ENDPOINT_NOT_FOUND: 1001,
      INVALID_STATE: 1003,
      PERMISSION_DENIED: 1004,
      RESOURCE_ALREADY_EXISTS: 3001,
      RESOURCE_DOES_NOT_EXIST: 3002,
      RESOURCE_LIMIT_EXCEEDED: 5002,
    })
    expect(isMlflowErrorCode('INVALID_STATE')).toBe(true)
    expect(isMlflowErrorCode('toString')).toBe(false)
  })
})
