import { request as httpRequest } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import type { LogRecord } from '../logger.ts'
import { type RunningTrackingServer, startTrackingServer } from '../start-tracking-server.ts'
import {
  createTrackingTestServer,
  type TrackingTestServer,
} from '../testing/tracking-test-server.ts'

let test: TrackingTestServer | undefined
let served: RunningTrackingServer | undefined
afterEach(async () => {
  await served?.close()
  await test?.close()
  served = undefined
  test = undefined
})

const records: LogRecord[] = []

/** The tracking app behind a real Node HTTP server (bodies come from Node's request stream). */
async function serve(options: { maxRequestBytes?: number } = {}): Promise<string> {
  records.length = 0
  const push = (record: LogRecord) => {
    records.push(record)
  }
  test = await createTrackingTestServer({
    ...options,
    logger: { info: push, warn: push, error: push },
  })
  served = await startTrackingServer({ app: test.app, port: 0 })
  return served.url
}

interface RawAnswer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** One request with full control of the body: a string/bytes, or chunks sent chunked. */
function send(
  url: string,
  path: string,
  options: {
    body?: string | Buffer | Buffer[]
    headers?: Record<string, string>
    method?: string
  } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      `${url}${path}`,
      {
        method: options.method ?? 'POST',
        headers: { 'content-type': 'application/json', ...options.headers },
      },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        )
      },
    )
    outgoing.on('error', reject)
    const body = options.body
    if (Array.isArray(body)) {
      for (const chunk of body) outgoing.write(chunk)
      outgoing.end()
    } else {
      outgoing.end(body)
    }
  })
}

const create = '/api/2.0/mlflow/experiments/create'

describe('requests through a Node HTTP server', () => {
  it('answers JSON with a Content-Length body and the security headers', async () => {
    const url = await serve()
    const answer = await send(url, create, { body: JSON.stringify({ name: 'served' }) })
    expect(answer.status).toBe(200)
    expect(JSON.parse(answer.body)).toEqual({ experiment_id: expect.any(String) })
    expect(answer.headers['content-length']).toBe(String(Buffer.byteLength(answer.body)))
    expect(answer.headers['transfer-encoding']).toBeUndefined()
    expect(answer.headers['content-type']).toBe('application/json')
    expect(answer.headers['x-content-type-options']).toBe('nosniff')
    expect(answer.headers['x-frame-options']).toBe('SAMEORIGIN')
  })

  it('reads chunked bodies, drops a byte-order mark, refuses bytes that are not UTF-8', async () => {
    const url = await serve()
    const chunked = await send(url, create, {
      body: [Buffer.from('\uFEFF{"na'), Buffer.from('me":"chunked ✓"}')],
    })
    expect(chunked.status).toBe(200)
    const id = JSON.parse(chunked.body).experiment_id as string
    expect((await test!.trackingStore.getExperimentOrThrow({ experimentId: id })).name).toBe(
      'chunked ✓',
    )
    const invalid = await send(url, create, {
      body: Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]),
    })
    expect(invalid.status).toBe(400)
    expect(JSON.parse(invalid.body)).toEqual({
      error_code: 'INVALID_PARAMETER_VALUE',
      message: 'The request body is not valid UTF-8.',
    })
  })

  it('answers 413 for bodies over the limit, declared or streamed, and keeps serving', async () => {
    const url = await serve({ maxRequestBytes: 64 })
    const big = JSON.stringify({ name: 'x'.repeat(100) })
    const declared = await send(url, create, { body: big })
    expect(declared.status).toBe(413)
    expect(JSON.parse(declared.body).error_code).toBe('INVALID_PARAMETER_VALUE')
    const streamed = await send(url, create, {
      body: Array.from({ length: 10 }, () => Buffer.from(' '.repeat(20))),
    })
    expect(streamed.status).toBe(413)
    const small = await send(url, create, { body: '{"name":"ok"}' })
    expect(small.status).toBe(200)
  })

  it('sets CORS headers next to the security headers for localhost origins', async () => {
    const url = await serve()
    const answer = await send(url, create, {
      body: '{"name":"cors"}',
      headers: { origin: 'http://localhost:3000' },
    })
    expect(answer.status).toBe(200)
    expect(answer.headers['access-control-allow-origin']).toBe('http://localhost:3000')
    expect(answer.headers.vary).toBe('Origin')
    expect(answer.headers['x-content-type-options']).toBe('nosniff')
    expect(JSON.parse(answer.body).experiment_id).toEqual(expect.any(String))
  })

  it('logs each request once the answer is out', async () => {
    const url = await serve()
    await send(url, '/api/2.0/mlflow/experiments/get?experiment_id=0&secret=1', { method: 'GET' })
    await new Promise((resolve) => setImmediate(resolve))
    expect(records.filter((record) => record.event === 'request')).toEqual([
      {
        event: 'request',
        method: 'GET',
        path: '/api/2.0/mlflow/experiments/get',
        status: 200,
        ms: expect.any(Number),
      },
    ])
  })

  it('stores a 1,000-point log-batch of 16-digit fractions exactly', async () => {
    const url = await serve()
    const experimentId = await test!.trackingStore.createExperiment({ name: 'batch' })
    const { runId } = (await test!.trackingStore.createRun({ experimentId, startTime: 1 })).info
    const metrics = Array.from({ length: 1000 }, (_, index) => ({
      key: 'loss',
      value: Math.sin(index) + index / 1000,
      timestamp: 1_760_000_000_000 + index,
      step: index,
    }))
    const answer = await send(url, '/api/2.0/mlflow/runs/log-batch', {
      body: JSON.stringify({ run_id: runId, metrics }),
    })
    expect(answer.status).toBe(200)
    const history = await test!.trackingStore.getMetricHistory({ runId, metricKey: 'loss' })
    expect(history.metrics).toEqual(metrics)
  })
})
