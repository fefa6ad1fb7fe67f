import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  abortMultipartUpload,
  completeMultipartUpload,
  createMultipartUpload,
  deleteArtifact,
  listProxyArtifacts,
  uploadArtifact,
} from '@dspyflow/mlflow/protocol'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ArtifactStore } from '../../artifacts/artifact-store.ts'
import {
  callEndpoint,
  createTrackingTestServer,
  expectError,
  expectResponse,
  type TrackingTestServer,
} from '../testing/tracking-test-server.ts'

const base = '/api/2.0/mlflow-artifacts/artifacts'
let server: TrackingTestServer
beforeEach(async () => {
  server = await createTrackingTestServer()
})
afterEach(() => server.close())

function streamOf(...parts: string[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const part of parts) controller.enqueue(new TextEncoder().encode(part))
      controller.close()
    },
  })
}

describe('artifact proxy', () => {
  it('uploads a streamed body, downloads it, lists and deletes', async () => {
    const upload = await server.app.request(`${base}/1/run/artifacts/model/MLmodel`, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream' },
      body: streamOf('flavors:\n', '  dspy: {}\n'),
      duplex: 'half',
    } as RequestInit)
    expect(await expectResponse(uploadArtifact, upload)).toEqual({})
    const onDisk = join(server.artifactRoot, '1/run/artifacts/model/MLmodel')
    expect(await readFile(onDisk, 'utf8')).toBe('flavors:\n  dspy: {}\n')

    const download = await server.app.request(`${base}/1/run/artifacts/model/MLmodel`)
    expect(download.status).toBe(200)
    expect(download.headers.get('content-type')).toBe('text/plain')
    expect(download.headers.get('content-disposition')).toBe('attachment; filename=MLmodel')
    expect(download.headers.get('x-content-type-options')).toBe('nosniff')
    expect(download.headers.get('content-length')).toBe('20')
    expect(await download.text()).toBe('flavors:\n  dspy: {}\n')

    const listed = await expectResponse(
      listProxyArtifacts,
      await callEndpoint(server.app, listProxyArtifacts, { path: '1/run/artifacts' }),
    )
    expect(listed.files).toEqual([{ path: 'model', isDir: true }])
    const root = await expectResponse(
      listProxyArtifacts,
      await callEndpoint(server.app, listProxyArtifacts),
    )
    expect(root.files).toEqual([{ path: '1', isDir: true }])
    await server.app.request(`${base}/1/run/artifacts/empty.txt`, { method: 'PUT', body: '' })
    const withEmpty = await callEndpoint(server.app, listProxyArtifacts, {
      path: '1/run/artifacts',
    })
    expect(await withEmpty.json()).toEqual({
      files: [
        { path: 'empty.txt', is_dir: false },
        { path: 'model', is_dir: true },
      ],
    })
    const missing = await callEndpoint(server.app, listProxyArtifacts, { path: 'nope' })
    expect(await missing.json()).toEqual({})

    const deleted = await callEndpoint(server.app, deleteArtifact, {
      artifact_path: '1/run/artifacts/model',
    })
    expect(await expectResponse(deleteArtifact, deleted)).toEqual({})
    await expectError(
      await server.app.request(`${base}/1/run/artifacts/model/MLmodel`),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    )
  })

  it('takes uploads with any content type, also under /ajax-api', async () => {
    const upload = await server.app.request(`/ajax-api/2.0/mlflow-artifacts/artifacts/0/t.json`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{"spans": []}',
    })
    await expectResponse(uploadArtifact, upload)
    const noType = await server.app.request(`${base}/0/raw.bin`, { method: 'PUT', body: 'x' })
    await expectResponse(uploadArtifact, noType)
    const download = await server.app.request(`${base}/0/t.json`)
    expect(await download.text()).toBe('{"spans": []}')
  })

  it.each([
    ['encoded parent segments', `${base}/..%2f..%2fetc/passwd`],
    ['double-encoded parent segments', `${base}/%252e%252e/%252e%252e/etc/passwd`],
    ['an absolute path', `${base}//etc/passwd`],
    ['an encoded absolute path', `${base}/%2fetc/passwd`],
    ['a backslash traversal', `${base}/a/..%5c..%5csecret`],
    ['a drive letter', `${base}/C:%5cWindows`],
  ])('refuses %s with 400 on every method', async (_name, url) => {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const response = await server.app.request(url, {
        method,
        body: method === 'PUT' ? 'x' : undefined,
      })
      await expectError(response, 400, 'INVALID_PARAMETER_VALUE')
    }
  })

  it('refuses traversal in the list path and in multipart paths', async () => {
    for (const path of ['../x', '%2e%2e/x', '/etc']) {
      await expectError(
        await callEndpoint(server.app, listProxyArtifacts, { path }),
        400,
        'INVALID_PARAMETER_VALUE',
      )
    }
    await expectError(
      await callEndpoint(server.app, createMultipartUpload, {
        artifact_path: '..%2fx',
        path: 'x',
        num_parts: 1,
      }),
      400,
      'INVALID_PARAMETER_VALUE',
    )
  })

  it('refuses to download a directory with 400', async () => {
    await server.artifactStore.put({ path: '0/dir/a.txt', body: new TextEncoder().encode('a') })
    const error = await expectError(
      await server.app.request(`${base}/0/dir`),
      400,
      'INVALID_PARAMETER_VALUE',
    )
    expect(error.message).toBe("Artifact path refers to a directory, not a file: '0/dir'")
  })

  it('refuses raw dot segments the URL parser would resolve before routing', async () => {
    // What @hono/node-server passes as bindings: the request target as sent.
    const send = (raw: string, method = 'GET') =>
      server.app.request(
        `http://localhost${new URL(raw, 'http://localhost').pathname}`,
        { method, body: method === 'PUT' ? 'x' : undefined },
        { incoming: { url: raw } },
      )
    for (const raw of [
      `${base}/0/../../etc/passwd`,
      `${base}/0/%2E%2E/%2E%2E/etc/passwd`,
      `${base}/0/.%2e/x`,
      `${base}/0\\..\\..\\x`,
      '/api/2.0/mlflow-artifacts/mpu/create/0/%2e%2e/x.bin',
    ]) {
      await expectError(await send(raw), 400, 'INVALID_PARAMETER_VALUE')
      await expectError(await send(raw, 'PUT'), 400, 'INVALID_PARAMETER_VALUE')
    }
    const elsewhere = await send('/api/2.0/mlflow/runs/../experiments/get?experiment_id=0')
    expect([elsewhere.status, elsewhere.headers.get('content-type')]).toEqual([
      404,
      'text/html; charset=utf-8',
    ])
    expect((await send(`${base}/0/a..b/x`)).status).toBe(404)
  })

  it('refuses an upload path ending with a slash', async () => {
    const response = await server.app.request(`${base}/0/folder/`, { method: 'PUT', body: 'x' })
    await expectError(response, 400, 'INVALID_PARAMETER_VALUE')
  })

  it('answers multipart uploads to a local destination with the client fallback message', async () => {
    const error = await expectError(
      await callEndpoint(server.app, createMultipartUpload, {
        artifact_path: '0/big.bin',
        path: 'big.bin',
        num_parts: 2,
      }),
      501,
      'NOT_IMPLEMENTED',
    )
    expect(error.message).toBe(
      'Multipart upload is not supported for the current artifact repository',
    )
  })

  it('passes presigned multipart uploads through to stores that support them', async () => {
    const calls: string[] = []
    const store: ArtifactStore = {
      ...server.artifactStore,
      createMultipartUpload: async ({ numParts }) => ({
        uploadId: 'u1',
        credentials: Array.from({ length: numParts }, (_, index) => ({
          partNumber: index + 1,
          url: `https://s3.example/part${index + 1}`,
          headers: {},
        })),
      }),
      completeMultipartUpload: async ({ uploadId, parts }) => {
        calls.push(`complete ${uploadId} ${parts.map((part) => part.etag).join(',')}`)
      },
      abortMultipartUpload: async ({ uploadId }) => {
        calls.push(`abort ${uploadId}`)
      },
    }
    const s3 = await createTrackingTestServer({ artifactStore: store })
    try {
      const created = await expectResponse(
        createMultipartUpload,
        await callEndpoint(s3.app, createMultipartUpload, {
          artifact_path: '0/big.bin',
          path: 'big.bin',
          num_parts: 2,
        }),
      )
      expect(created).toEqual({
        uploadId: 'u1',
        credentials: [
          { url: 'https://s3.example/part1', partNumber: 1, headers: {} },
          { url: 'https://s3.example/part2', partNumber: 2, headers: {} },
        ],
      })
      await expectResponse(
        completeMultipartUpload,
        await callEndpoint(s3.app, completeMultipartUpload, {
          artifact_path: '0/big.bin',
          path: 'big.bin',
          upload_id: 'u1',
          parts: [
            { part_number: 1, etag: 'e1' },
            { part_number: 2, etag: 'e2' },
          ],
        }),
      )
      await expectResponse(
        abortMultipartUpload,
        await callEndpoint(s3.app, abortMultipartUpload, {
          artifact_path: '0/big.bin',
          path: 'big.bin',
          upload_id: 'u1',
        }),
      )
      expect(calls).toEqual(['complete u1 e1,e2', 'abort u1'])
    } finally {
      await s3.close()
    }
  })

  it('answers 503 text on every proxy route with --no-serve-artifacts', async () => {
    const off = await createTrackingTestServer({ artifactStore: undefined, serveArtifacts: false })
    try {
      for (const [method, url] of [
        ['GET', base],
        ['GET', `${base}/0/x`],
        ['PUT', `${base}/0/x`],
        ['DELETE', `${base}/0/x`],
        ['POST', '/api/2.0/mlflow-artifacts/mpu/create/0/x'],
      ] as const) {
        const response = await off.app.request(url, {
          method,
          headers: { 'content-type': 'application/json' },
          body: method === 'GET' ? undefined : '{}',
        })
        expect(response.status).toBe(503)
        expect(await response.text()).toContain('--no-serve-artifacts')
      }
    } finally {
      await off.close()
    }
  })
})
