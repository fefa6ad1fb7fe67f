import { describe, expect, it } from 'vitest'
import { errorBodySchema } from './error-body.ts'
import { MlflowError } from './mlflow-error.ts'

describe('MlflowError', () => {
  it('carries a stable code, its HTTP status and the wire body', () => {
    const error = new MlflowError({
      errorCode: 'RESOURCE_DOES_NOT_EXIST',
      message: 'No Experiment with id=99 exists',
    })
    expect(error.httpStatus).toBe(404)
    expect(error.name).toBe('MlflowError')
    expect(error.toBody()).toEqual({
      error_code: 'RESOURCE_DOES_NOT_EXIST',
      message: 'No Experiment with id=99 exists',
    })
    expect(errorBodySchema.parse(error.toBody())).toEqual(error.toBody())
  })

  it('is recognised across package copies by its marker, not by instanceof', () => {
    const error = MlflowError.invalidParameterValue('bad')
    expect(MlflowError.isInstance(error)).toBe(true)
    const foreign = Object.assign(new Error('x'), { [Symbol.for('@dspyflow/mlflow.error')]: true })
    expect(MlflowError.isInstance(foreign)).toBe(true)
    expect(MlflowError.isInstance(new Error('x'))).toBe(false)
    expect(MlflowError.isInstance(undefined)).toBe(false)
    expect(error.errorCode).toBe('INVALID_PARAMETER_VALUE')
    expect(error.httpStatus).toBe(400)
  })

  it('reads error responses as the Python client does', () => {
    const body = errorBodySchema.parse({
      error_code: 'RESOURCE_ALREADY_EXISTS',
      message: 'Experiment(name=e1) already exists.',
      sqlstate: 'KAM00',
      error_class: 'RESOURCE_ALREADY_EXISTS',
    })
    const known = MlflowError.fromResponse({ httpStatus: 400, body })
    expect([known.errorCode, known.httpStatus, known.message]).toEqual([
      'RESOURCE_ALREADY_EXISTS',
      400,
      'Experiment(name=e1) already exists.',
    ])
    const unknown = MlflowError.fromResponse({
      httpStatus: 500,
      body: { error_code: 'WHATEVER', message: 'x' },
    })
    expect(unknown.errorCode).toBe('INTERNAL_ERROR')
    expect(MlflowError.fromResponse({ httpStatus: 404 }).errorCode).toBe('ENDPOINT_NOT_FOUND')
  })
})
