import { describe, expect, it } from 'vitest'
import type { S3ArtifactClient } from './s3-artifact-client.ts'
import { createS3ArtifactStore } from './s3-artifact-store.ts'

/** Records calls; only the multipart calls answer. */
function recordingClient(calls: Array<[string, unknown]>): S3ArtifactClient {
  const record =
    (name: string, answer: unknown = {}) =>
    async (input: unknown) => {
      calls.push([name, input])
      return answer as never
    }
  return {
    putObject: record('putObject'),
    getObject: record('getObject'),
    headObject: record('headObject'),
    listObjectsV2: record('listObjectsV2'),
    deleteObjects: record('deleteObjects'),
    createMultipartUpload: record('createMultipartUpload', { UploadId: 'upload-1' }),
    uploadPart: record('uploadPart', { ETag: '"etag"' }),
    completeMultipartUpload: record('completeMultipartUpload'),
    abortMultipartUpload: record('abortMultipartUpload'),
  }
}

describe('S3 multipart credentials', () => {
  it('carry a presigned URL per part when a presigner is given, keyed under the prefix', async () => {
    const calls: Array<[string, unknown]> = []
    const store = createS3ArtifactStore({
      uri: 's3://bucket/root',
      client: recordingClient(calls),
      presignUploadPart: async ({ bucket, key, uploadId, partNumber }) =>
        `https://${bucket}.s3.amazonaws.com/${key}?uploadId=${uploadId}&partNumber=${partNumber}`,
    })
    const result = await store.createMultipartUpload({
      path: 'models/m-1/weights.bin',
      numParts: 2,
      contentType: 'application/octet-stream',
    })
    expect(result).toEqual({
      uploadId: 'upload-1',
      credentials: [
        {
          partNumber: 1,
          headers: {},
          url: 'https://bucket.s3.amazonaws.com/root/models/m-1/weights.bin?uploadId=upload-1&partNumber=1',
        },
        {
          partNumber: 2,
          headers: {},
          url: 'https://bucket.s3.amazonaws.com/root/models/m-1/weights.bin?uploadId=upload-1&partNumber=2',
        },
      ],
    })
    expect(calls).toEqual([
      [
        'createMultipartUpload',
        {
          Bucket: 'bucket',
          Key: 'root/models/m-1/weights.bin',
          ContentType: 'application/octet-stream',
        },
      ],
    ])
  })

  it('carry no URL without a presigner; parts then go through uploadPart', async () => {
    const calls: Array<[string, unknown]> = []
    const store = createS3ArtifactStore({ uri: 's3://bucket', client: recordingClient(calls) })
    const { credentials } = await store.createMultipartUpload({ path: 'a.bin', numParts: 1 })
    expect(credentials).toEqual([{ partNumber: 1, headers: {} }])
    const part = await store.uploadPart({
      path: 'a.bin',
      uploadId: 'upload-1',
      partNumber: 1,
      body: new Uint8Array([1, 2, 3]),
    })
    expect(part).toEqual({ partNumber: 1, etag: '"etag"' })
    expect(calls[1]).toEqual([
      'uploadPart',
      {
        Bucket: 'bucket',
        Key: 'a.bin',
        UploadId: 'upload-1',
        PartNumber: 1,
        Body: new Uint8Array([1, 2, 3]),
        ContentLength: 3,
      },
    ])
  })

  it('refuses part sizes below S3 minimum', () => {
    expect(() =>
      createS3ArtifactStore({ uri: 's3://bucket', client: recordingClient([]), partSize: 1024 }),
    ).toThrow(/partSize must be an integer of at least 5242880 bytes/)
  })
})
