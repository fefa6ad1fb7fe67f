import { afterEach, describe, expect, it } from 'vitest'
import {
  createTrackingTestServer,
  type TrackingTestServer,
} from '../testing/tracking-test-server.ts'
import { CORS_BLOCKED_MESSAGE } from './cors.ts'

let server: TrackingTestServer
afterEach(() => server.close())

const create = (origin: string | undefined, name: string) =>
  server.app.request('/api/2.0/mlflow/experiments/create', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(origin ? { origin } : {}) },
    body: JSON.stringify({ name }),
  })

describe('CORS', () => {
  it('blocks cross-origin writes to the API with 403 text, lets others through', async () => {
    server = await createTrackingTestServer()
    const blocked = await create('https://evil.example', 'a')
    expect(blocked.status).toBe(403)
    expect(blocked.headers.get('content-type')).toBe('text/plain')
    expect(await blocked.text()).toBe(CORS_BLOCKED_MESSAGE)
    expect((await create(undefined, 'b')).status).toBe(200)
    const local = await create('http://localhost:3000', 'c')
    expect(local.status).toBe(200)
    expect(local.headers.get('access-control-allow-origin')).toBe('http://localhost:3000')
    expect(local.headers.get('access-control-allow-credentials')).toBe('true')
    const read = await server.app.request('/api/2.0/mlflow/experiments/get?experiment_id=0', {
      headers: { origin: 'https://evil.example' },
    })
    expect(read.status).toBe(200)
    expect(read.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('answers preflights: 204 on API paths for allowed origins, 400 otherwise', async () => {
    server = await createTrackingTestServer()
    const preflight = (origin: string) =>
      server.app.request('/ajax-api/2.0/mlflow/runs/create', {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      })
    const allowed = await preflight('http://127.0.0.1:5173')
    expect(allowed.status).toBe(204)
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173')
    expect(allowed.headers.get('access-control-allow-methods')).toContain('PATCH')
    expect(allowed.headers.get('access-control-allow-headers')).toBe('content-type')
    expect((await preflight('https://evil.example')).status).toBe(400)
  })

  it('allows --cors-allowed-origins entries and patterns', async () => {
    server = await createTrackingTestServer({
      corsAllowedOrigins: ['https://app.company.com', 'https://*.notebooks.company.com'],
    })
    const listed = await create('https://app.company.com', 'a')
    expect(listed.status).toBe(200)
    expect(listed.headers.get('access-control-allow-origin')).toBe('https://app.company.com')
    expect((await create('https://x.notebooks.company.com', 'b')).status).toBe(200)
    expect((await create('https://evil.example', 'c')).status).toBe(403)
  })

  it('allows every origin, without credentials, with *', async () => {
    server = await createTrackingTestServer({ corsAllowedOrigins: ['*'] })
    const response = await create('https://anywhere.example', 'a')
    expect(response.status).toBe(200)
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    expect(response.headers.get('access-control-allow-credentials')).toBeNull()
  })
})
