import { describe, expect, it } from 'vitest'
import { ArtifactNotFoundError } from '../errors/artifact-not-found-error.ts'
import { toS3ArtifactError } from './s3-errors.ts'

function sdkError(name: string, status: number): Error {
  return Object.assign(new Error(`${name} happened`), {
    name,
    $metadata: { httpStatusCode: status },
  })
}

describe('toS3ArtifactError', () => {
  it.each([
    ['NoSuchKey', 404, 'RESOURCE_DOES_NOT_EXIST'],
    ['NotFound', 404, 'RESOURCE_DOES_NOT_EXIST'],
    ['NoSuchUpload', 404, 'RESOURCE_DOES_NOT_EXIST'],
    ['InvalidPart', 400, 'INVALID_PARAMETER_VALUE'],
    ['InvalidPartOrder', 400, 'INVALID_PARAMETER_VALUE'],
    ['EntityTooSmall', 400, 'INVALID_PARAMETER_VALUE'],
    ['AccessDenied', 403, 'PERMISSION_DENIED'],
    ['SlowDown', 503, 'INTERNAL_ERROR'],
    ['NoSuchBucket', 404, 'RESOURCE_DOES_NOT_EXIST'],
  ])('maps %s (%i) to %s', (name, status, code) => {
    const error = toS3ArtifactError(sdkError(name, status), { path: 'a/b.txt', uploadId: 'u-1' })
    expect(error.code).toBe(code)
    expect(error.cause).toBeInstanceOf(Error)
  })

  it('names the upload for NoSuchUpload and the path for NoSuchKey', () => {
    const upload = toS3ArtifactError(sdkError('NoSuchUpload', 404), { path: 'a', uploadId: 'u-1' })
    expect(ArtifactNotFoundError.isInstance(upload) && upload.uploadId).toBe('u-1')
    expect(upload.message).toBe("No such multipart upload: 'u-1'")
    const key = toS3ArtifactError(sdkError('NoSuchKey', 404), { path: 'a/b.txt' })
    expect(key.message).toBe("No such artifact: 'a/b.txt'")
  })

  it('wraps network failures as INTERNAL_ERROR with the cause', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
      code: 'ECONNREFUSED',
    })
    const error = toS3ArtifactError(cause, { path: 'x' })
    expect(error.code).toBe('INTERNAL_ERROR')
    expect(error.message).toContain('ECONNREFUSED')
    expect(error.cause).toBe(cause)
  })
})
