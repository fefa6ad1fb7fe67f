import { parseJsonBigIntSafe, startTraceV3 } from '@dspyflow/mlflow/protocol'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SpanRecord } from '../../stores/traces/span-record.ts'
import {
  callEndpoint,
  createTrackingTestServer,
  expectError,
  type TrackingTestServer,
} from '../testing/tracking-test-server.ts'

let server: TrackingTestServer
let experimentId: string
beforeEach(async () => {
  server = await createTrackingTestServer()
  experimentId = await server.trackingStore.createExperiment({ name: 'artifacts' })
})
afterEach(() => server.close())

const storeBacked = 'tr-00000000000000000000000000000a11'
const fileBacked = 'tr-00000000000000000000000000000b22'
const START = 1_795_488_086_823_481_706n

function rootSpan(): SpanRecord {
  return {
    traceId: storeBacked,
    spanId: '00000000000000aa',
    parentSpanId: undefined,
    name: 'root',
    kind: 'SPAN_KIND_INTERNAL',
    traceState: '',
    startTimeUnixNano: START,
    endTimeUnixNano: START + 5n,
    statusCode: 'STATUS_CODE_OK',
    statusMessage: '',
    attributes: { 'mlflow.traceRequestId': `"${storeBacked}"`, 'mlflow.spanType': '"CHAIN"' },
    events: [],
  }
}

const proxyPath = (traceId: string) =>
  `/api/2.0/mlflow-artifacts/artifacts/${experimentId}/traces/${traceId}/artifacts/traces.json`

describe('traces.json of store-backed traces', () => {
  it('is built from the stored spans when the file does not exist (TypeScript SDK reads)', async () => {
    await server.stores.traceStore.logSpans({ experimentId, spans: [rootSpan()] })
    const response = await server.app.request(proxyPath(storeBacked))
    expect(response.status).toBe(200)
    const text = await response.text()
    expect(text.startsWith('{"spans":[{"trace_id": ')).toBe(true)
    const parsed = parseJsonBigIntSafe(text) as { spans: Record<string, unknown>[] }
    expect(parsed.spans[0]).toMatchObject({
      name: 'root',
      parent_span_id: null,
      start_time_unix_nano: START,
      attributes: { 'mlflow.spanType': '"CHAIN"' },
      status: { code: 'STATUS_CODE_OK', message: '' },
    })
    // Another experiment's folder does not get this trace's spans.
    const wrong = proxyPath(storeBacked).replace(`/${experimentId}/`, '/0/')
    expect((await server.app.request(wrong)).status).not.toBe(200)
  })

  it('get-trace-artifact serves the stored spans, else the uploaded file', async () => {
    await server.stores.traceStore.logSpans({ experimentId, spans: [rootSpan()] })
    const stored = await server.app.request(
      `/ajax-api/2.0/mlflow/get-trace-artifact?request_id=${storeBacked}`,
    )
    expect(stored.status).toBe(200)
    expect(stored.headers.get('content-disposition')).toBe('attachment; filename=traces.json')
    expect((parseJsonBigIntSafe(await stored.text()) as { spans: unknown[] }).spans).toHaveLength(1)

    await callEndpoint(server.app, startTraceV3, {
      trace: {
        trace_info: {
          trace_id: fileBacked,
          trace_location: { mlflow_experiment: { experiment_id: experimentId } },
          request_time: '2025-01-01T00:00:00Z',
          state: 'OK',
        },
      },
    })
    const uri = `/ajax-api/3.0/mlflow/get-trace-artifact?request_id=${fileBacked}`
    await expectError(await server.app.request(uri), 404, 'RESOURCE_DOES_NOT_EXIST')
    const upload = await server.app.request(proxyPath(fileBacked), {
      method: 'PUT',
      body: '{"spans": []}',
    })
    expect(upload.status).toBe(200)
    const file = await server.app.request(uri)
    expect(await file.text()).toBe('{"spans": []}')
    await expectError(
      await server.app.request('/ajax-api/2.0/mlflow/get-trace-artifact'),
      400,
      'BAD_REQUEST',
    )
    await expectError(
      await server.app.request('/ajax-api/2.0/mlflow/get-trace-artifact?request_id=tr-nope'),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    )
  })
})
