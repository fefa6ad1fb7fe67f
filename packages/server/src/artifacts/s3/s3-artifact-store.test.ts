import { S3 } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openArtifactStore } from '../registry.ts'
import { type MotoServer, startMotoServer } from '../testing/moto-server.ts'
import { runArtifactStoreConformance } from '../testing/run-artifact-store-conformance.ts'
import { createS3ArtifactStore, MIN_S3_PART_SIZE } from './s3-artifact-store.ts'

const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' }
let moto: MotoServer
let client: S3
let buckets = 0

async function newBucket(): Promise<string> {
  const bucket = `conformance-${++buckets}`
  await client.createBucket({ Bucket: bucket })
  return bucket
}

// Installs moto into .venv on first use (pip), so allow for a slow first run.
beforeAll(async () => {
  moto = await startMotoServer()
  client = new S3({
    endpoint: moto.endpointUrl,
    forcePathStyle: true,
    region: 'us-east-1',
    credentials,
  })
}, 600_000)

afterAll(async () => {
  client?.destroy()
  await moto?.stop()
})

runArtifactStoreConformance({
  name: 's3 (moto)',
  createStore: async () =>
    createS3ArtifactStore({
      uri: `s3://${await newBucket()}/mlartifacts/`,
      client,
      partSize: MIN_S3_PART_SIZE,
    }),
  // moto 5.2.5 is laxer than S3 here: UploadPart / CompleteMultipartUpload with an unknown upload
  // id crash with an HTML 500 (S3: 404 NoSuchUpload), and it does not tie an upload id to its
  // key. The store maps S3's NoSuchUpload to RESOURCE_DOES_NOT_EXIST (see s3-errors.ts).
  skips: ['multipart-unknown-upload', 'multipart-upload-bound-to-path'],
})

describe('openArtifactStore with s3:// against moto', () => {
  it('reads the endpoint and credentials from the environment', async () => {
    const bucket = await newBucket()
    const store = await openArtifactStore({
      uri: `s3://${bucket}`,
      env: {
        MLFLOW_S3_ENDPOINT_URL: moto.endpointUrl,
        AWS_ACCESS_KEY_ID: credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      },
    })
    try {
      await store.put({
        path: 'root-level.txt',
        body: new TextEncoder().encode('at the bucket root'),
      })
      expect(await store.list()).toEqual([{ path: 'root-level.txt', isDir: false, fileSize: 18 }])
      const listed = await client.listObjectsV2({ Bucket: bucket })
      expect(listed.Contents?.map((object) => object.Key)).toEqual(['root-level.txt'])
    } finally {
      await store.close()
    }
  })
})
