import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { UnsupportedArtifactUriError } from './errors/unsupported-artifact-uri-error.ts'
import { openArtifactStore } from './registry.ts'

let folder: string
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'dspyflow-registry-'))
})
afterEach(async () => {
  await rm(folder, { recursive: true, force: true })
})

describe('openArtifactStore', () => {
  it('opens file:// URIs and plain paths as local stores', async () => {
    const fromUri = await openArtifactStore({ uri: pathToFileURL(join(folder, 'a')).href })
    expect(fromUri.rootUri).toBe(pathToFileURL(join(folder, 'a')).href)
    const fromPath = await openArtifactStore({ uri: join(folder, 'b') })
    expect(fromPath.rootUri).toBe(pathToFileURL(join(folder, 'b')).href)
    const relative = await openArtifactStore({ uri: 'mlartifacts' })
    expect(relative.rootUri).toBe(pathToFileURL(resolve('mlartifacts')).href)
    await fromUri.put({ path: 'x.txt', body: new TextEncoder().encode('x') })
    const again = await openArtifactStore({ uri: `file://${join(folder, 'a')}` })
    expect(await again.list()).toEqual([{ path: 'x.txt', isDir: false, fileSize: 1 }])
  })

  it('opens s3:// URIs with an SDK client (no request is made)', async () => {
    const store = await openArtifactStore({
      uri: 's3://bucket/prefix/',
      env: { MLFLOW_S3_ENDPOINT_URL: 'http://127.0.0.1:1' },
    })
    expect(store.rootUri).toBe('s3://bucket/prefix')
    await store.close()
  })

  it.each([
    ['gs://bucket/path', 'gs'],
    ['hdfs://namenode/path', 'hdfs'],
    ['mlflow-artifacts:/1/abc', 'mlflow-artifacts'],
    ['https://example.com/artifacts', 'https'],
  ])('refuses %s with a typed error', async (uri, scheme) => {
    const error = await openArtifactStore({ uri }).catch((caught: unknown) => caught)
    expect(UnsupportedArtifactUriError.isInstance(error)).toBe(true)
    expect(error).toMatchObject({
      code: 'INVALID_PARAMETER_VALUE',
      scheme,
      message: `Could not find a registered artifact repository for: ${uri}. Currently registered schemes are: ['', 'file', 's3']`,
    })
  })

  it.each(['', 'file://remote-host/share', 'file:///tmp/x?y=1', 's3://bucket/a/../b'])(
    'refuses the malformed URI %j',
    async (uri) => {
      const error = await openArtifactStore({ uri }).catch((caught: unknown) => caught)
      expect(error).toMatchObject({
        code: 'INVALID_PARAMETER_VALUE',
        name: 'UnsupportedArtifactUriError',
      })
    },
  )
})
