import { createExperiment, getRun } from '@dspyflow/mlflow/protocol'
import { afterEach, describe, expect, it } from 'vitest'
import type { TrackingStore } from '../../stores/tracking-store.ts'
import type { LogRecord, TrackingServerLogger } from '../logger.ts'
import {
  callEndpoint,
  createTrackingTestServer,
  expectError,
  type TrackingTestServer,
} from '../testing/tracking-test-server.ts'
import { INTERNAL_ERROR_MESSAGE } from './error-response.ts'
import { NOT_FOUND_HTML } from './not-found.ts'

function recordingLogger(): TrackingServerLogger & { records: LogRecord[] } {
  const records: LogRecord[] = []
  const push = (record: LogRecord) => {
    records.push(record)
  }
  return { records, info: push, warn: push, error: push }
}

let server: TrackingTestServer
afterEach(() => server.close())

const post = (body: string, headers: Record<string, string> = {}) =>
  server.app.request('/api/2.0/mlflow/experiments/create', { method: 'POST', body, headers })

describe('error answers', () => {
  it('refuses POST bodies without application/json with MLflow messages', async () => {
    server = await createTrackingTestServer()
    // A string body would get `text/plain` from fetch; bytes go without a Content-Type.
    const bytes = new TextEncoder().encode('{"name":"x"}')
    const noType = await server.app.request('/api/2.0/mlflow/experiments/create', {
      method: 'POST',
      body: bytes,
    })
    const missing = await expectError(noType, 400, 'INVALID_PARAMETER_VALUE')
    expect(missing.message).toBe('Bad Request. Content-Type header is missing.')
    const wrong = await expectError(
      await post('{"name":"x"}', { 'content-type': 'text/plain' }),
      400,
      'INVALID_PARAMETER_VALUE',
    )
    expect(wrong.message).toBe("Bad Request. Content-Type must be one of ['application/json'].")
    await expectError(
      await post('{"name":"x"}', { 'content-type': 'APPLICATION/JSON' }),
      400,
      'INVALID_PARAMETER_VALUE',
    )
    const withCharset = await post('{"name":"x"}', {
      'content-type': 'application/json; charset=utf-8',
    })
    expect(withCharset.status).toBe(200)
  })

  it('answers malformed and non-object JSON with 400', async () => {
    server = await createTrackingTestServer()
    const json = { 'content-type': 'application/json' }
    await expectError(await post('{"name": ', json), 400, 'INVALID_PARAMETER_VALUE')
    await expectError(await post('[1, 2]', json), 400, 'INVALID_PARAMETER_VALUE')
    const doubleEncoded = await post(JSON.stringify(JSON.stringify({ name: 'legacy' })), json)
    expect(doubleEncoded.status).toBe(200)
  })

  it('drops a UTF-8 byte-order mark and refuses bodies that are not UTF-8', async () => {
    server = await createTrackingTestServer()
    const send = (bytes: number[]) =>
      server.app.request('/api/2.0/mlflow/experiments/create', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: new Uint8Array(bytes),
      })
    const json = [...new TextEncoder().encode('{"name": "bom"}')]
    expect((await send([0xef, 0xbb, 0xbf, ...json])).status).toBe(200)
    const notUtf8 = [...new TextEncoder().encode('{"name": "'), 0xff, 0xfe, 0x22, 0x7d]
    await expectError(await send(notUtf8), 400, 'INVALID_PARAMETER_VALUE')
  })

  it('reads DELETE and PATCH bodies leniently', async () => {
    server = await createTrackingTestServer()
    const response = await server.app.request('/api/2.0/mlflow-artifacts/artifacts/0/x', {
      method: 'DELETE',
      body: 'not json',
    })
    expect(response.status).toBe(200)
  })

  it('answers unknown routes with the non-JSON 404 page', async () => {
    server = await createTrackingTestServer()
    for (const path of ['/api/2.0/mlflow/nope', '/api/3.0/mlflow/nope', '/whatever']) {
      const response = await server.app.request(path, { method: 'POST' })
      expect(response.status).toBe(404)
      expect(response.headers.get('content-type')).toContain('text/html')
      expect(await response.text()).toBe(NOT_FOUND_HTML)
    }
  })

  it('answers unexpected failures 500 INTERNAL_ERROR without internals, and logs them', async () => {
    const logger = recordingLogger()
    server = await createTrackingTestServer({ logger })
    const broken: TrackingStore = {
      ...server.trackingStore,
      getRunOrThrow: async () => {
        throw new Error('SQLITE_CORRUPT: secret table layout')
      },
    }
    const other = await createTrackingTestServer({ trackingStore: broken, logger })
    const response = await callEndpoint(other.app, getRun, { run_id: 'r1' })
    await other.close()
    const body = await expectError(response, 500, 'INTERNAL_ERROR')
    expect(body.message).toBe(INTERNAL_ERROR_MESSAGE)
    const logged = logger.records.find((record) => record.event === 'request-error')
    expect(logged).toMatchObject({
      path: '/api/2.0/mlflow/runs/get',
      message: expect.stringContaining('SQLITE_CORRUPT'),
    })
  })

  it('never answers a deterministic mistake with 5xx', async () => {
    server = await createTrackingTestServer()
    const cases: Array<[string, RequestInit]> = [
      ['/api/2.0/mlflow/runs/get', {}],
      ['/api/2.0/mlflow/runs/get?run_id=', {}],
      ['/api/2.0/mlflow/experiments/get?experiment_id=abc', {}],
      ['/api/2.0/mlflow/experiments/search?max_results=abc', {}],
      ['/api/2.0/mlflow/metrics/get-history?run_id=x&metric_key=m&max_results=-1', {}],
      ['/api/2.0/mlflow/runs/search', { method: 'POST', body: '{"max_results": 99999999}' }],
      ['/api/2.0/mlflow/runs/search', { method: 'POST', body: '{"page_token": "garbage"}' }],
      ['/api/2.0/mlflow/runs/log-metric', { method: 'POST', body: '{"run_id": "x", "key": "k"}' }],
      ['/api/2.0/mlflow/experiments/create', { method: 'POST', body: '{"name": 5}' }],
    ]
    for (const [url, init] of cases) {
      const response = await server.app.request(url, {
        ...init,
        headers: init.body ? { 'content-type': 'application/json' } : {},
      })
      expect(response.status, `${url} ${init.body ?? ''}`).toBeGreaterThanOrEqual(400)
      expect(response.status, `${url} ${init.body ?? ''}`).toBeLessThan(500)
      expect(response.headers.get('content-type')).toBe('application/json')
    }
  })

  it('keeps MLflow wording for missing fields', async () => {
    server = await createTrackingTestServer()
    const body = await expectError(
      await callEndpoint(server.app, createExperiment, { name: '' }),
      400,
      'INVALID_PARAMETER_VALUE',
    )
    expect(body.message).toBe(
      "Missing value for required parameter 'name'. See the API docs for more information about request parameters.",
    )
  })
})
