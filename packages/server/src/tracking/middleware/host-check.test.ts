import { afterEach, describe, expect, it } from 'vitest'
import {
  createTrackingTestServer,
  type TrackingTestServer,
} from '../testing/tracking-test-server.ts'
import { fnmatch } from './fnmatch.ts'
import { defaultAllowedHosts, INVALID_HOST_MESSAGE, isAllowedHost } from './host-check.ts'

let server: TrackingTestServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

const withHost = (app: TrackingTestServer['app'], path: string, host: string) =>
  app.request(`http://${host}${path}`, { headers: { host } })

describe('Host header check', () => {
  it('allows MLflow 3 defaults: localhost names with any port and private networks', () => {
    const hosts = defaultAllowedHosts()
    for (const host of [
      'localhost',
      'localhost:5000',
      '127.0.0.1:8080',
      '[::1]:5000',
      '[::1]',
      '0.0.0.0:5000',
      '10.1.2.3:5000',
      '192.168.0.10',
      '172.16.0.1:80',
      '172.31.255.255',
    ]) {
      expect(isAllowedHost(host, hosts), host).toBe(true)
    }
    for (const host of [
      'evil.example',
      'evil.example:5000',
      '172.32.0.1',
      '11.0.0.1',
      '',
      'localhost.evil.example',
    ]) {
      expect(isAllowedHost(host, hosts), host).toBe(false)
    }
  })

  it('adds the bound host', () => {
    const hosts = defaultAllowedHosts({ boundHost: 'tracking.internal' })
    expect(isAllowedHost('tracking.internal:5000', hosts)).toBe(true)
    expect(isAllowedHost('TRACKING.internal', hosts)).toBe(true)
    expect(isAllowedHost('[fe80::1]:5000', defaultAllowedHosts({ boundHost: 'fe80::1' }))).toBe(
      true,
    )
  })

  it('matches fnmatch patterns like Python', () => {
    expect(fnmatch('app-1.internal.com', 'app-*.internal.com')).toBe(true)
    expect(fnmatch('app-1.internal.com.evil', 'app-*.internal.com')).toBe(false)
    expect(fnmatch('a.b', 'a?b')).toBe(true)
    expect(fnmatch('[::1]:1', '[[]::1]:*')).toBe(true)
    expect(fnmatch('x1', 'x[!0-9]')).toBe(false)
  })

  it('answers a rebinding Host with 403 text and lets /health and /version through', async () => {
    server = await createTrackingTestServer()
    const rejected = await withHost(
      server.app,
      '/api/2.0/mlflow/experiments/get?experiment_id=0',
      'evil.example',
    )
    expect(rejected.status).toBe(403)
    expect(rejected.headers.get('content-type')).toBe('text/plain')
    expect(await rejected.text()).toBe(INVALID_HOST_MESSAGE)
    expect((await withHost(server.app, '/', 'evil.example')).status).toBe(403)
    expect((await withHost(server.app, '/health', 'evil.example')).status).toBe(200)
    expect((await withHost(server.app, '/version', 'evil.example')).status).toBe(200)
    const allowed = await withHost(
      server.app,
      '/api/2.0/mlflow/experiments/get?experiment_id=0',
      'localhost:5000',
    )
    expect(allowed.status).toBe(200)
  })

  it('uses --allowed-hosts patterns instead of the defaults, and * turns the check off', async () => {
    server = await createTrackingTestServer({ allowedHosts: ['mlflow.company.com', '*.corp:5000'] })
    expect((await withHost(server.app, '/', 'mlflow.company.com')).status).toBe(200)
    expect((await withHost(server.app, '/', 'a.corp:5000')).status).toBe(200)
    expect((await withHost(server.app, '/', 'localhost:5000')).status).toBe(403)
    const open = await createTrackingTestServer({ allowedHosts: ['*'] })
    try {
      expect((await withHost(open.app, '/', 'anything.example')).status).toBe(200)
    } finally {
      await open.close()
    }
  })
})
