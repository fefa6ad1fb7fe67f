import { gzipSync } from 'node:zlib'
import { Hono } from 'hono'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { encodeExportRequestProto } from '../../otlp/proto/encode-export-request.ts'
import type { BackendStores } from '../../stores/backend-stores.ts'
import { createSqliteBackendStores } from '../../stores/sqlite/sqlite-tracking-store.ts'
import { StoreError } from '../../stores/store-error.ts'
import type { LogSpansOptions, TraceStore } from '../../stores/traces/trace-store.ts'
import { silentLogger } from '../logger.ts'
import { createErrorHandler } from '../middleware/error-response.ts'
import { mountOtlpRoutes } from './otlp.ts'
import type { TrackingRouteServices } from './route-services.ts'

const TRACE = '0af7651916cd43dd8448eb211c80319c'
const MAX_BYTES = 64 * 1024

const body = encodeExportRequestProto({
  resourceSpans: [
    {
      scopeSpans: [
        {
          spans: [
            {
              traceId: TRACE,
              spanId: '00f067aa0ba902b7',
              parentSpanId: 'b7ad6b7169203331',
              name: 'child',
              startTimeUnixNano: 2n,
              endTimeUnixNano: 3n,
            },
            { traceId: TRACE, spanId: 'b7ad6b7169203331', name: 'root', startTimeUnixNano: 1n },
          ],
        },
      ],
    },
  ],
})

type RecordingTraceStore = TraceStore & {
  calls: LogSpansOptions[]
  links: { traceIds: readonly string[]; runId: string }[]
  failure?: unknown
}

/** A trace store that records its `logSpans` calls (or fails with `failure`); nothing else. */
function recordingTraceStore(): RecordingTraceStore {
  const target = {
    calls: [] as LogSpansOptions[],
    links: [] as { traceIds: readonly string[]; runId: string }[],
    failure: undefined as unknown,
    async linkTracesToRun(options: { traceIds: readonly string[]; runId: string }) {
      target.links.push(options)
      if (options.runId === 'unknown') throw new Error('no such run')
    },
    async logSpans(options: LogSpansOptions) {
      if (target.failure !== undefined) throw target.failure
      target.calls.push(options)
    },
  }
  return new Proxy(target, {
    get: (object, property) =>
      property in object
        ? object[property as keyof typeof object]
        : () => Promise.reject(new Error(`${String(property)} is not used by the OTLP route`)),
  }) as unknown as RecordingTraceStore
}

let stores: BackendStores
let traceStore: RecordingTraceStore
let experimentId: string

function app(overrides: Partial<TrackingRouteServices> = {}): Hono {
  const result = new Hono()
  result.onError(createErrorHandler({ logger: silentLogger }))
  mountOtlpRoutes({
    app: result,
    services: {
      trackingStore: stores.trackingStore,
      registryStore: undefined,
      loggedModelStore: undefined,
      traceStore,
      assessmentStore: undefined,
      artifacts: {
        proxyStore: undefined,
        openStore: () => Promise.reject(new Error('no artifacts here')),
      },
      maxRequestBytes: MAX_BYTES,
      ...overrides,
    },
  })
  return result
}

function post(
  payload: RequestInit['body'],
  headers: Record<string, string> = {},
  target: Hono = app(),
): Promise<Response> {
  return Promise.resolve(
    target.request('/v1/traces', {
      method: 'POST',
      body: payload,
      headers: {
        'content-type': 'application/x-protobuf',
        'x-mlflow-experiment-id': experimentId,
        ...headers,
      },
    }),
  )
}

async function expectDetail(response: Response, status: number, detail: unknown): Promise<void> {
  expect(response.status).toBe(status)
  expect(response.headers.get('content-type')).toBe('application/json')
  expect(await response.json()).toEqual({ detail })
}

beforeEach(async () => {
  const { default: Database } = await import('better-sqlite3')
  stores = await createSqliteBackendStores({ database: new Database(':memory:') })
  traceStore = recordingTraceStore()
  experimentId = await stores.trackingStore.createExperiment({ name: 'otlp' })
})

afterEach(async () => {
  await stores.close()
})

describe('POST /v1/traces', () => {
  it('hands the spans to the trace store and answers an empty protobuf 200', async () => {
    const response = await post(body)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/x-protobuf')
    expect((await response.arrayBuffer()).byteLength).toBe(0)
    expect(traceStore.calls).toHaveLength(1)
    const [call] = traceStore.calls
    expect(call?.experimentId).toBe(experimentId)
    expect(call?.spans.map((span) => [span.name, span.traceId, span.parentSpanId])).toEqual([
      ['child', `tr-${TRACE}`, 'b7ad6b7169203331'],
      ['root', `tr-${TRACE}`, undefined],
    ])
  })

  it('accepts OTLP JSON, gzip bodies and media type parameters', async () => {
    const json = JSON.stringify({
      resourceSpans: [
        { scopeSpans: [{ spans: [{ traceId: TRACE, spanId: '0000000000000001' }] }] },
      ],
    })
    expect((await post(json, { 'content-type': 'application/json; charset=utf-8' })).status).toBe(
      200,
    )
    const gzipped = gzipSync(body)
    expect((await post(gzipped, { 'content-encoding': 'gzip' })).status).toBe(200)
    expect(traceStore.calls.map((call) => call.spans.length)).toEqual([1, 2])
  })

  it('requires the experiment header, with FastAPI validation answer', async () => {
    const response = await app().request('/v1/traces', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-protobuf' },
    })
    await expectDetail(response, 422, [
      {
        type: 'missing',
        loc: ['header', 'x-mlflow-experiment-id'],
        msg: 'Field required',
        input: null,
      },
    ])
  })

  it('refuses other content types with MLflow 3.17 message', async () => {
    await expectDetail(
      await post(body, { 'content-type': 'text/plain' }),
      400,
      'Invalid Content-Type: text/plain. Expected: application/x-protobuf or application/json',
    )
    await expectDetail(
      await post(body, { 'content-type': 'Application/JSON' }),
      400,
      'Invalid Content-Type: Application/JSON. Expected: application/x-protobuf or application/json',
    )
    const response = await app().request('/v1/traces', {
      method: 'POST',
      body,
      headers: { 'x-mlflow-experiment-id': experimentId },
    })
    await expectDetail(
      response,
      400,
      'Invalid Content-Type: None. Expected: application/x-protobuf or application/json',
    )
  })

  it('answers malformed payloads with 400 / 422 and never reaches the store', async () => {
    await expectDetail(
      await post(new Uint8Array([0x0a, 0xff])),
      400,
      'Invalid OpenTelemetry format',
    )
    await expectDetail(
      await post(new Uint8Array()),
      400,
      'Invalid OpenTelemetry format - no spans found',
    )
    await expectDetail(
      await post('{"resourceSpans": "x"}', { 'content-type': 'application/json' }),
      400,
      'Invalid OpenTelemetry format',
    )
    await expectDetail(
      await post(body, { 'content-encoding': 'br' }),
      400,
      'Unsupported Content-Encoding: br',
    )
    const noIds = encodeExportRequestProto({
      resourceSpans: [
        {
          scopeSpans: [{ spans: [{ traceId: '', spanId: '', name: 'x', startTimeUnixNano: 1n }] }],
        },
      ],
    })
    await expectDetail(await post(noIds), 422, 'Cannot convert OpenTelemetry span to MLflow span')
    expect(traceStore.calls).toEqual([])
  })

  it('refuses bodies over the request limit, compressed or not', async () => {
    const big = new Uint8Array(MAX_BYTES + 1)
    await expectDetail(
      await post(big),
      413,
      `Request body is larger than the server's limit of ${MAX_BYTES} bytes`,
    )
    const bomb = gzipSync(Buffer.alloc(MAX_BYTES * 100))
    await expectDetail(
      await post(bomb, { 'content-encoding': 'gzip' }),
      400,
      `The gzip payload decompresses to more than the server's limit of ${MAX_BYTES} bytes`,
    )
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 3; i++) controller.enqueue(new Uint8Array(MAX_BYTES / 2))
        controller.close()
      },
    })
    const response = await app().request('/v1/traces', {
      method: 'POST',
      body: stream,
      headers: { 'content-type': 'application/x-protobuf', 'x-mlflow-experiment-id': experimentId },
      duplex: 'half',
    } as RequestInit)
    expect(response.status).toBe(413)
  })

  it('answers MLflow errors for unknown experiments, and accepts deleted ones as MLflow does', async () => {
    let response = await post(body, { 'x-mlflow-experiment-id': '424242' })
    expect(response.status).toBe(404)
    expect(await response.json()).toMatchObject({
      error_code: 'RESOURCE_DOES_NOT_EXIST',
      message: 'No Experiment with id=424242 exists',
    })
    response = await post(body, { 'x-mlflow-experiment-id': 'abc' })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({
      error_code: 'INVALID_PARAMETER_VALUE',
      message: "Invalid experiment ID 'abc'. Experiment ID must be a valid integer.",
    })
    expect(traceStore.calls).toEqual([])
    await stores.trackingStore.deleteExperiment({ experimentId })
    expect((await post(body)).status).toBe(200)
    // An empty id is the Default experiment.
    expect((await post(body, { 'x-mlflow-experiment-id': '' })).status).toBe(200)
    expect(traceStore.calls.map((call) => call.experimentId)).toEqual([experimentId, '0'])
  })

  it('accepts resource spans without spans without looking at the experiment', async () => {
    const empty = encodeExportRequestProto({ resourceSpans: [{ scopeSpans: [] }] })
    const response = await post(empty, { 'x-mlflow-experiment-id': 'nope' })
    expect(response.status).toBe(200)
    expect(traceStore.calls).toEqual([])
  })

  it('passes store errors on as MLflow errors, and answers other failures 422', async () => {
    traceStore.failure = new StoreError({ code: 'INVALID_PARAMETER_VALUE', message: 'bad span' })
    let response = await post(body)
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({
      error_code: 'INVALID_PARAMETER_VALUE',
      message: 'bad span',
    })
    traceStore.failure = new Error('disk full')
    response = await post(body)
    await expectDetail(response, 422, 'Failed to log OpenTelemetry spans')
  })

  it('answers 501 with the text that makes Python clients stop, without a trace store', async () => {
    const response = await post(body, {}, app({ traceStore: undefined }))
    expect(response.status).toBe(501)
    const { detail } = (await response.json()) as { detail: string }
    expect(detail).toContain('REST OTLP span logging is not supported')
  })

  it('links traces whose root span arrived to the run the header names', async () => {
    expect((await post(body, { 'x-mlflow-run-id': 'run-1' })).status).toBe(200)
    const childOnly = encodeExportRequestProto({
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                {
                  traceId: TRACE,
                  spanId: '0000000000000002',
                  parentSpanId: '0000000000000001',
                  name: 'child',
                  startTimeUnixNano: 1n,
                },
              ],
            },
          ],
        },
      ],
    })
    expect((await post(childOnly, { 'x-mlflow-run-id': 'run-1' })).status).toBe(200)
    // A failing link does not fail the request.
    expect((await post(body, { 'x-mlflow-run-id': 'unknown' })).status).toBe(200)
    expect(traceStore.links).toEqual([
      { traceIds: [`tr-${TRACE}`], runId: 'run-1' },
      { traceIds: [`tr-${TRACE}`], runId: 'unknown' },
    ])
  })

  it('stores the spans in the real trace store', async () => {
    const target = app({ traceStore: stores.traceStore })
    const response = await post(body, {}, target)
    expect(response.status).toBe(200)
    const trace = await stores.traceStore.getTrace({ traceId: `tr-${TRACE}`, allowPartial: true })
    expect(trace.info.experimentId).toBe(experimentId)
    expect(trace.info.tags['mlflow.trace.spansLocation']).toBe('TRACKING_STORE')
    expect(trace.spanDicts).toHaveLength(2)
    expect(trace.spanDicts.join()).toContain('"mlflow.traceRequestId": "\\"tr-')
  })

  it('does not answer other methods', async () => {
    expect((await app().request('/v1/traces')).status).toBe(404)
  })
})
