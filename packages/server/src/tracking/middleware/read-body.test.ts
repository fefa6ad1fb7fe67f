import { afterEach, describe, expect, it } from 'vitest'
import {
  createTrackingTestServer,
  expectError,
  type TrackingTestServer,
} from '../testing/tracking-test-server.ts'

let server: TrackingTestServer
afterEach(() => server.close())

describe('request body limit', () => {
  it('answers JSON bodies over the limit with 413, declared or streamed', async () => {
    server = await createTrackingTestServer({ maxRequestBytes: 64 })
    const big = JSON.stringify({ name: 'x'.repeat(100) })
    const declared = await server.app.request('/api/2.0/mlflow/experiments/create', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(big.length) },
      body: big,
    })
    const error = await expectError(declared, 413, 'INVALID_PARAMETER_VALUE')
    expect(error.message).toContain('64 bytes')
    const streamed = await server.app.request('/api/2.0/mlflow/experiments/create', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new ReadableStream({
        start(controller) {
          for (let index = 0; index < 10; index += 1) {
            controller.enqueue(new TextEncoder().encode(' '.repeat(20)))
          }
          controller.close()
        },
      }),
      duplex: 'half',
    } as RequestInit)
    await expectError(streamed, 413, 'INVALID_PARAMETER_VALUE')
    const small = await server.app.request('/api/2.0/mlflow/experiments/create', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name":"ok"}',
    })
    expect(small.status).toBe(200)
  })

  it('does not limit artifact uploads', async () => {
    server = await createTrackingTestServer({ maxRequestBytes: 64 })
    const response = await server.app.request('/api/2.0/mlflow-artifacts/artifacts/0/big.bin', {
      method: 'PUT',
      body: 'x'.repeat(10_000),
    })
    expect(response.status).toBe(200)
  })
})
