import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { getExperiment } from '@dspyflow/mlflow/protocol'
import { afterEach, describe, expect, it } from 'vitest'
import { createTrackingServer } from './create-tracking-server.ts'
import type { LogRecord } from './logger.ts'
import { MLFLOW_COMPATIBLE_VERSION } from './mlflow-version.ts'
import {
  createTrackingTestServer,
  expectResponse,
  type TrackingTestServer,
} from './testing/tracking-test-server.ts'

let server: TrackingTestServer
afterEach(() => server.close())

describe('createTrackingServer', () => {
  it('answers /health and /version as plain text', async () => {
    server = await createTrackingTestServer()
    const health = await server.app.request('/health')
    expect([health.status, await health.text()]).toEqual([200, 'OK'])
    const version = await server.app.request('/version')
    expect(await version.text()).toBe(MLFLOW_COMPATIBLE_VERSION)
    expect(MLFLOW_COMPATIBLE_VERSION).toMatch(/^3\.\d+\.\d+$/)
  })

  it('takes OTLP spans at /v1/traces (and wants the experiment header)', async () => {
    server = await createTrackingTestServer()
    const response = await server.app.request('/v1/traces', { method: 'POST', body: 'x' })
    expect(response.status).toBe(422)
  })

  it('sets the security headers on every response', async () => {
    server = await createTrackingTestServer()
    for (const path of ['/health', '/', '/api/2.0/mlflow/nope']) {
      const response = await server.app.request(path)
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN')
    }
    const off = await createTrackingTestServer({ disableSecurityMiddleware: true })
    try {
      const response = await off.app.request('http://evil.example/health', {
        headers: { host: 'evil.example' },
      })
      expect(response.headers.get('x-frame-options')).toBeNull()
      const api = await off.app.request(
        'http://evil.example/api/2.0/mlflow/experiments/get?experiment_id=0',
        {
          headers: { host: 'evil.example' },
        },
      )
      expect(api.status).toBe(200)
    } finally {
      await off.close()
    }
  })

  it('logs one record per request, without query strings', async () => {
    const records: LogRecord[] = []
    const push = (record: LogRecord) => {
      records.push(record)
    }
    let clock = 0
    server = await createTrackingTestServer({
      logger: { info: push, warn: push, error: push },
      now: () => (clock += 2.5),
    })
    await server.app.request('/api/2.0/mlflow/experiments/get?experiment_id=0&token=secret')
    expect(records).toEqual([
      {
        event: 'request',
        method: 'GET',
        path: '/api/2.0/mlflow/experiments/get',
        status: 200,
        ms: 2.5,
      },
    ])
  })

  it('serves every route under --static-prefix', async () => {
    server = await createTrackingTestServer({ staticPrefix: '/mlflow' })
    expect((await server.app.request('/mlflow/health')).status).toBe(200)
    const response = await server.app.request(
      '/mlflow/api/2.0/mlflow/experiments/get?experiment_id=0',
    )
    expect((await expectResponse(getExperiment, response)).experiment.name).toBe('Default')
    const page = await server.app.request('/mlflow/')
    expect(await page.text()).toContain('/mlflow/ajax-api/2.0/mlflow/experiments/search')
    expect(
      (await server.app.request('/api/2.0/mlflow/experiments/get?experiment_id=0')).status,
    ).toBe(404)
    expect(
      (
        await server.app.request('http://evil.example/mlflow/health', {
          headers: { host: 'evil.example' },
        })
      ).status,
    ).toBe(200)
  })

  it('refuses malformed options', async () => {
    server = await createTrackingTestServer()
    const { trackingStore } = server
    expect(() => createTrackingServer({ trackingStore, staticPrefix: 'mlflow' })).toThrow(TypeError)
    expect(() => createTrackingServer({ trackingStore, staticPrefix: '/mlflow/' })).toThrow(
      TypeError,
    )
    expect(() => createTrackingServer({ trackingStore, serveArtifacts: true })).toThrow(TypeError)
  })
})

describe('UI', () => {
  it('shows the built-in page at / without a web build', async () => {
    server = await createTrackingTestServer()
    const response = await server.app.request('/')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('text/html')
    const html = await response.text()
    expect(html).toContain('dspyflow tracking server')
    expect(html).toContain('/ajax-api/2.0/mlflow/experiments/search')
  })

  it('serves the web build from staticDir, and nothing outside it', async () => {
    server = await createTrackingTestServer()
    const staticDir = join(server.scratch, 'dist')
    await mkdir(join(staticDir, 'assets'), { recursive: true })
    await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>UI</title>')
    await writeFile(join(staticDir, 'assets', 'app-1a2b.js'), 'console.log(1)')
    await writeFile(join(server.scratch, 'secret.txt'), 'secret')
    const app = createTrackingServer({ trackingStore: server.trackingStore, staticDir })
    const index = await app.request('/')
    expect(await index.text()).toBe('<!doctype html><title>UI</title>')
    expect(index.headers.get('cache-control')).toBe('no-cache')
    const asset = await app.request('/static-files/assets/app-1a2b.js')
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(asset.headers.get('cache-control')).toContain('immutable')
    expect((await app.request('/assets/app-1a2b.js')).status).toBe(200)
    for (const path of ['/..%2fsecret.txt', '/%252e%252e/secret.txt', '/assets/missing.js']) {
      expect((await app.request(path)).status, path).toBe(404)
    }
    expect((await app.request('/api/2.0/mlflow/experiments/get?experiment_id=0')).status).toBe(200)
  })
})
