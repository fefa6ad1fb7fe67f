import { describe, expect, it } from 'vitest'
import { UnsupportedArtifactUriError } from '../errors/unsupported-artifact-uri-error.ts'
import { s3ClientSettings } from './open-s3-artifact-store.ts'
import { parseS3Uri } from './parse-s3-uri.ts'

describe('parseS3Uri', () => {
  it.each([
    ['s3://bucket', { bucket: 'bucket', prefix: '' }],
    ['s3://bucket/', { bucket: 'bucket', prefix: '' }],
    ['s3://bucket/mlflow/artifacts', { bucket: 'bucket', prefix: 'mlflow/artifacts' }],
    ['s3://bucket/mlflow/artifacts/', { bucket: 'bucket', prefix: 'mlflow/artifacts' }],
    ['S3://my.bucket-1//a', { bucket: 'my.bucket-1', prefix: 'a' }],
  ])('parses %s', (uri, expected) => {
    expect(parseS3Uri(uri)).toEqual(expected)
  })

  it.each([
    'gs://bucket',
    's3://',
    's3:///prefix',
    's3://bucket/a/../b',
    's3://bucket/a?x=1',
    's3://bucket#f',
  ])('refuses %s', (uri) => {
    expect(() => parseS3Uri(uri)).toThrow(UnsupportedArtifactUriError)
  })
})

describe('s3ClientSettings', () => {
  it('reads MLflow and AWS variables', () => {
    expect(
      s3ClientSettings({
        env: {
          MLFLOW_S3_ENDPOINT_URL: 'http://127.0.0.1:9000',
          AWS_ACCESS_KEY_ID: 'key',
          AWS_SECRET_ACCESS_KEY: 'secret',
          AWS_SESSION_TOKEN: 'token',
          AWS_DEFAULT_REGION: 'eu-west-1',
        },
      }),
    ).toEqual({
      region: 'eu-west-1',
      endpoint: 'http://127.0.0.1:9000',
      forcePathStyle: true,
      credentials: { accessKeyId: 'key', secretAccessKey: 'secret', sessionToken: 'token' },
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    })
  })

  it('uses virtual hosts and the SDK credential chain against AWS itself', () => {
    expect(s3ClientSettings({ env: {} })).toEqual({ region: 'us-east-1', forcePathStyle: false })
  })

  it('lets options and MLFLOW_BOTO_CLIENT_ADDRESSING_STYLE win', () => {
    const env = {
      MLFLOW_S3_ENDPOINT_URL: 'http://minio:9000',
      MLFLOW_BOTO_CLIENT_ADDRESSING_STYLE: 'virtual',
    }
    expect(s3ClientSettings({ env }).forcePathStyle).toBe(false)
    expect(
      s3ClientSettings({ env: { MLFLOW_BOTO_CLIENT_ADDRESSING_STYLE: 'path' } }).forcePathStyle,
    ).toBe(true)
    const settings = s3ClientSettings({
      env,
      endpointUrl: 'http://other:9000',
      forcePathStyle: true,
      region: 'ap-south-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    })
    expect(settings).toMatchObject({
      endpoint: 'http://other:9000',
      forcePathStyle: true,
      region: 'ap-south-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    })
  })
})
