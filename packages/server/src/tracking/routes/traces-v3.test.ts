import {
  type AnyEndpoint,
  batchGetTraceInfos,
  decodeResponse,
  type EndpointResponse,
  type WireObject,
  batchGetTraces,
  deleteTraceTagV3,
  deleteTracesV3,
  getTrace,
  getTraceInfoV3,
  parseJsonBigIntSafe,
  searchTracesV3,
  setTraceTagV3,
  startTraceV3,
} from '@dspyflow/mlflow/protocol'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SpanRecord } from '../../stores/traces/span-record.ts'
import { pythonJsonText } from '../../stores/traces/spans/python-json.ts'
import {
  callEndpoint,
  createTrackingTestServer,
  expectError,
  expectResponse,
  type TrackingTestServer,
} from '../testing/tracking-test-server.ts'

let server: TrackingTestServer
let experimentId: string
beforeEach(async () => {
  server = await createTrackingTestServer()
  experimentId = await server.trackingStore.createExperiment({ name: 'traces' })
})
afterEach(() => server.close())

const traceId = 'tr-0123456789abcdef0123456789abcdef'

/** Like `expectResponse`, reading integers beyond 2^53 exactly (span times). */
async function expectExact<E extends AnyEndpoint>(
  endpoint: E,
  response: Response,
): Promise<EndpointResponse<E>> {
  const text = await response.text()
  expect(response.status, text).toBe(200)
  return decodeResponse(endpoint, parseJsonBigIntSafe(text))
}
const location = () => ({
  type: 'MLFLOW_EXPERIMENT',
  mlflow_experiment: { experiment_id: experimentId },
})
const BIG_NS = 1_795_488_086_823_481_706n

/** What the TypeScript SDK sends: JS ISO times and `ms/1000` durations. */
function tsInfo(id = traceId) {
  return {
    trace_id: id,
    trace_location: location(),
    request_time: '2025-06-15T14:07:41.282Z',
    execution_duration: '0.0651s',
    state: 'OK',
    request_preview: '{"q":"hi"}',
    trace_metadata: { 'mlflow.trace_schema.version': '3' },
    tags: { 'mlflow.traceName': 'root' },
    assessments: [],
  }
}

function span(
  spanId: string,
  parent: string | undefined,
  attributes: Record<string, unknown>,
): SpanRecord {
  const encoded: Record<string, string> = { 'mlflow.traceRequestId': pythonJsonText(traceId) }
  for (const [key, value] of Object.entries(attributes)) encoded[key] = pythonJsonText(value)
  return {
    traceId,
    spanId,
    parentSpanId: parent,
    name: parent === undefined ? 'root' : 'child',
    kind: 'SPAN_KIND_INTERNAL',
    traceState: '',
    startTimeUnixNano: parent === undefined ? BIG_NS : BIG_NS + 1n,
    endTimeUnixNano: BIG_NS + 65_000_001n,
    statusCode: parent === undefined ? 'STATUS_CODE_OK' : 'STATUS_CODE_ERROR',
    statusMessage: parent === undefined ? '' : 'boom',
    attributes: encoded,
    events: [
      {
        name: 'exception',
        timeUnixNano: BIG_NS + 2n,
        attributes: { 'exception.type': 'ValueError' },
      },
    ],
  }
}

async function logSpans() {
  await server.stores.traceStore.logSpans({
    experimentId,
    spans: [
      span('00000000000000aa', undefined, {
        'mlflow.spanType': 'CHAIN',
        big: 2n ** 60n + 1n,
        ratio: 1.5,
      }),
      span('00000000000000bb', '00000000000000aa', {
        'mlflow.spanType': 'LLM',
        nested: { a: [1, 'x', null] },
      }),
    ],
  })
}

describe('StartTraceV3 and GetTraceInfoV3', () => {
  it('store what the TypeScript SDK sends and answer with the artifact location', async () => {
    const response = await callEndpoint(server.app, startTraceV3, {
      trace: { trace_info: tsInfo() },
    })
    const { trace } = await expectResponse(startTraceV3, response)
    expect(trace.traceInfo).toMatchObject({
      traceId,
      requestTime: '2025-06-15T14:07:41.282Z',
      executionDuration: '0.065s',
      state: 'OK',
      traceLocation: { type: 'MLFLOW_EXPERIMENT', mlflowExperiment: { experimentId } },
      tags: {
        'mlflow.traceName': 'root',
        'mlflow.artifactLocation': `mlflow-artifacts:/${experimentId}/traces/${traceId}/artifacts`,
      },
      traceMetadata: { 'mlflow.trace_schema.version': '3', 'mlflow.trace.infoFinalized': 'true' },
    })
    const got = await callEndpoint(
      server.app,
      getTraceInfoV3,
      { trace_id: traceId },
      { ajax: true },
    )
    expect((await expectResponse(getTraceInfoV3, got)).trace.traceInfo).toEqual(trace.traceInfo)
  })

  it('answer MLflow errors for unknown traces and experiments and missing fields', async () => {
    await expectError(
      await callEndpoint(server.app, getTraceInfoV3, { trace_id: 'tr-nope' }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    )
    const unknownExperiment = {
      ...tsInfo(),
      trace_location: { mlflow_experiment: { experiment_id: '999' } },
    }
    await expectError(
      await callEndpoint(server.app, startTraceV3, { trace: { trace_info: unknownExperiment } }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    )
    const bodies: WireObject[] = [
      {},
      { trace: {} },
      { trace: { trace_info: { trace_id: traceId } } },
    ]
    for (const body of bodies) {
      await expectError(
        await callEndpoint(server.app, startTraceV3, body),
        400,
        'INVALID_PARAMETER_VALUE',
      )
    }
  })
})

describe('traces with spans', () => {
  it('traces/get answers OpenTelemetry proto JSON with exact nanoseconds and decoded values', async () => {
    await logSpans()
    const response = await server.app.request(`/api/3.0/mlflow/traces/get?trace_id=${traceId}`)
    expect(response.status).toBe(200)
    const body = parseJsonBigIntSafe(await response.text()) as {
      trace: { spans: Record<string, unknown>[]; trace_info: Record<string, unknown> }
    }
    const [root, child] = body.trace.spans
    expect(root).toMatchObject({
      trace_id: Buffer.from(traceId.slice(3), 'hex').toString('base64'),
      span_id: Buffer.from('00000000000000aa', 'hex').toString('base64'),
      name: 'root',
      start_time_unix_nano: BIG_NS,
      end_time_unix_nano: BIG_NS + 65_000_001n,
      status: { code: 'STATUS_CODE_OK' },
    })
    expect(root?.attributes).toEqual(
      expect.arrayContaining([
        { key: 'mlflow.spanType', value: { string_value: 'CHAIN' } },
        { key: 'big', value: { int_value: 2n ** 60n + 1n } },
        { key: 'ratio', value: { double_value: 1.5 } },
      ]),
    )
    expect(child).toMatchObject({
      parent_span_id: Buffer.from('00000000000000aa', 'hex').toString('base64'),
      status: { code: 'STATUS_CODE_ERROR', message: 'boom' },
      events: [
        {
          name: 'exception',
          time_unix_nano: BIG_NS + 2n,
          attributes: [{ key: 'exception.type', value: { string_value: 'ValueError' } }],
        },
      ],
    })
    expect(child?.attributes).toEqual(
      expect.arrayContaining([
        {
          key: 'nested',
          value: {
            kvlist_value: {
              values: [
                {
                  key: 'a',
                  value: { array_value: { values: [{ int_value: 1 }, { string_value: 'x' }, {}] } },
                },
              ],
            },
          },
        },
      ]),
    )
    expect(body.trace.trace_info.tags).toMatchObject({
      'mlflow.trace.spansLocation': 'TRACKING_STORE',
    })
  })

  it('batchGet keeps store-backed traces in order; batchGetInfos keeps every known one', async () => {
    await logSpans()
    const other = 'tr-ffffffffffffffffffffffffffffffff'
    await callEndpoint(server.app, startTraceV3, { trace: { trace_info: tsInfo(other) } })
    const ids = { trace_ids: [other, 'tr-unknown', traceId] }
    const { traces } = await expectExact(
      batchGetTraces,
      await callEndpoint(server.app, batchGetTraces, ids),
    )
    expect(traces.map((trace) => trace.traceInfo?.traceId)).toEqual([traceId])
    expect(traces[0]?.spans).toHaveLength(2)
    expect(traces[0]?.spans[0]?.startTimeUnixNano).toBe(BIG_NS)
    const infos = await expectResponse(
      batchGetTraceInfos,
      await callEndpoint(server.app, batchGetTraceInfos, ids),
    )
    expect(infos.traceInfos.map((info) => info.traceId)).toEqual([other, traceId])
    await expectError(
      await callEndpoint(server.app, batchGetTraces, {}),
      400,
      'INVALID_PARAMETER_VALUE',
    )
    await expectError(
      await callEndpoint(server.app, getTrace, { trace_id: other }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    )
    await expectError(await callEndpoint(server.app, getTrace, {}), 400, 'INVALID_PARAMETER_VALUE')
  })
})

describe('search, tags and deletion', () => {
  beforeEach(async () => {
    for (let n = 1; n <= 3; n++) {
      const info = {
        ...tsInfo(`tr-${String(n).padStart(32, '0')}`),
        request_time: `2025-06-15T14:07:4${n}.000Z`,
      }
      await callEndpoint(server.app, startTraceV3, { trace: { trace_info: info } })
    }
  })

  it('searches with filters, ordering and a token whenever the page is full', async () => {
    const search = (body: object) =>
      callEndpoint(server.app, searchTracesV3, { locations: [location()], ...body })
    const first = await expectResponse(searchTracesV3, await search({ max_results: 2 }))
    expect(first.traces.map((trace) => trace.traceId)).toEqual([
      `tr-${'3'.padStart(32, '0')}`,
      `tr-${'2'.padStart(32, '0')}`,
    ])
    const second = await expectResponse(
      searchTracesV3,
      await search({ max_results: 2, page_token: first.nextPageToken }),
    )
    expect(second.traces).toHaveLength(1)
    expect(second.nextPageToken).toBeUndefined()
    const filtered = await expectResponse(
      searchTracesV3,
      await search({
        filter: `timestamp_ms <= ${Date.UTC(2025, 5, 15, 14, 7, 42)}`,
        order_by: ['timestamp ASC'],
      }),
    )
    expect(filtered.traces.map((trace) => trace.requestTime)).toEqual([
      '2025-06-15T14:07:41Z',
      '2025-06-15T14:07:42Z',
    ])
    await expectError(await search({ filter: "bogus = 'x'" }), 400, 'INVALID_PARAMETER_VALUE')
    await expectError(await search({ max_results: 501 }), 400, 'INVALID_PARAMETER_VALUE')
    await expectError(await search({ order_by: ['name', 'name'] }), 400, 'INVALID_PARAMETER_VALUE')
    await expectError(
      await callEndpoint(server.app, searchTracesV3, {}),
      400,
      'INVALID_PARAMETER_VALUE',
    )
  })

  it('sets and deletes tags, refusing server-managed ones', async () => {
    const id = `tr-${'1'.padStart(32, '0')}`
    const ok = await callEndpoint(server.app, setTraceTagV3, {
      trace_id: id,
      key: 'team',
      value: 'nlp',
    })
    expect(await ok.json()).toEqual({})
    await expectError(
      await callEndpoint(server.app, setTraceTagV3, {
        trace_id: id,
        key: 'mlflow.trace.spansLocation',
        value: 'x',
      }),
      400,
      'INVALID_PARAMETER_VALUE',
    )
    await expectError(
      await callEndpoint(server.app, setTraceTagV3, { trace_id: 'tr-nope', key: 'k', value: 'v' }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    )
    expect(
      (await callEndpoint(server.app, deleteTraceTagV3, { trace_id: id, key: 'team' })).status,
    ).toBe(200)
    await expectError(
      await callEndpoint(server.app, deleteTraceTagV3, { trace_id: id, key: 'team' }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    )
  })

  it('deletes traces by ids and by time, and rejects the bad combinations', async () => {
    const remove = (body: object) =>
      callEndpoint(server.app, deleteTracesV3, { experiment_id: experimentId, ...body })
    const byIds = await expectResponse(
      deleteTracesV3,
      await remove({ request_ids: [`tr-${'1'.padStart(32, '0')}`] }),
    )
    expect(byIds.tracesDeleted).toBe(1)
    const byTime = await expectResponse(
      deleteTracesV3,
      await remove({ max_timestamp_millis: Date.UTC(2026, 0, 1), max_traces: 1 }),
    )
    expect(byTime.tracesDeleted).toBe(1)
    for (const body of [
      {},
      { max_timestamp_millis: 1, request_ids: ['x'] },
      { request_ids: ['x'], max_traces: 1 },
    ]) {
      await expectError(await remove(body), 400, 'INVALID_PARAMETER_VALUE')
    }
    await expectError(
      await callEndpoint(server.app, deleteTracesV3, { max_timestamp_millis: 1 }),
      400,
      'INVALID_PARAMETER_VALUE',
    )
  })
})

describe('routes with literal segments', () => {
  it('are not taken for trace ids', async () => {
    await expectError(
      await server.app.request('/api/3.0/mlflow/traces/get'),
      400,
      'INVALID_PARAMETER_VALUE',
    )
    await expectError(
      await server.app.request('/api/3.0/mlflow/traces/batchGet'),
      400,
      'INVALID_PARAMETER_VALUE',
    )
  })
})
