import {
  deleteTraceTag,
  deleteTraces,
  endTraceV2,
  getTraceInfoV2,
  linkTracesToRun,
  searchTracesV2,
  setTraceTag,
  startTraceV2,
} from '@dspyflow/mlflow/protocol'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
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
  experimentId = await server.trackingStore.createExperiment({ name: 'v2' })
})
afterEach(() => server.close())

async function start(): Promise<string> {
  const response = await callEndpoint(server.app, startTraceV2, {
    experiment_id: experimentId,
    timestamp_ms: 1000,
    request_metadata: [{ key: 'm', value: '1' }],
    tags: [{ key: 't', value: '1' }],
  })
  const { traceInfo } = await expectResponse(startTraceV2, response)
  return traceInfo.requestId as string
}

describe('legacy v2 trace routes', () => {
  it('start, end and read a trace', async () => {
    const requestId = await start()
    expect(requestId).toMatch(/^[0-9a-f]{32}$/)
    const ended = await expectResponse(
      endTraceV2,
      await callEndpoint(server.app, endTraceV2, {
        request_id: requestId,
        timestamp_ms: 1250,
        status: 'ERROR',
        tags: [{ key: 'u', value: '2' }],
      }),
    )
    expect(ended.traceInfo).toMatchObject({
      requestId,
      experimentId,
      timestampMs: 1000,
      executionTimeMs: 250,
      status: 'ERROR',
    })
    const { traceInfo } = await expectResponse(
      getTraceInfoV2,
      await callEndpoint(server.app, getTraceInfoV2, { request_id: requestId }),
    )
    expect(traceInfo.requestMetadata).toEqual([{ key: 'm', value: '1' }])
    expect(traceInfo.tags).toEqual(
      expect.arrayContaining([
        { key: 't', value: '1' },
        { key: 'u', value: '2' },
        {
          key: 'mlflow.artifactLocation',
          value: `mlflow-artifacts:/${experimentId}/traces/${requestId}/artifacts`,
        },
      ]),
    )
    await expectError(
      await callEndpoint(server.app, getTraceInfoV2, { request_id: 'nope' }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    )
  })

  it('search reads the query string and pages', async () => {
    await start()
    await start()
    const page = await expectResponse(
      searchTracesV2,
      await callEndpoint(server.app, searchTracesV2, {
        experiment_ids: [experimentId],
        max_results: 1,
      }),
    )
    expect(page.traces).toHaveLength(1)
    expect(page.nextPageToken).toBeDefined()
    await expectError(
      await callEndpoint(server.app, searchTracesV2, {}),
      400,
      'INVALID_PARAMETER_VALUE',
    )
    await expectError(
      await callEndpoint(server.app, searchTracesV2, {
        experiment_ids: [experimentId],
        max_results: 501,
      }),
      400,
      'INVALID_PARAMETER_VALUE',
    )
  })

  it('tags by request id with a JSON body on DELETE; delete-traces and link-to-run', async () => {
    const requestId = await start()
    expect(
      (await callEndpoint(server.app, setTraceTag, { request_id: requestId, key: 'k', value: 'v' }))
        .status,
    ).toBe(200)
    expect(
      (await callEndpoint(server.app, deleteTraceTag, { request_id: requestId, key: 'k' })).status,
    ).toBe(200)
    await expectError(
      await callEndpoint(server.app, deleteTraceTag, { request_id: requestId, key: 'k' }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    )
    await expectError(
      await callEndpoint(server.app, setTraceTag, {
        request_id: requestId,
        key: 'mlflow.trace.spansLocation',
        value: 'x',
      }),
      400,
      'INVALID_PARAMETER_VALUE',
    )
    const link = await callEndpoint(server.app, linkTracesToRun, {
      trace_ids: [requestId],
      run_id: 'a'.repeat(32),
    })
    expect(await link.json()).toEqual({})
    const byRun = await expectResponse(
      searchTracesV2,
      await callEndpoint(server.app, searchTracesV2, {
        experiment_ids: [experimentId],
        filter: `run_id = '${'a'.repeat(32)}'`,
      }),
    )
    expect(byRun.traces.map((trace) => trace.requestId)).toEqual([requestId])
    await expectError(
      await callEndpoint(server.app, linkTracesToRun, {
        trace_ids: Array(101).fill(requestId),
        run_id: 'r',
      }),
      400,
      'INVALID_PARAMETER_VALUE',
    )
    const deleted = await expectResponse(
      deleteTraces,
      await callEndpoint(server.app, deleteTraces, {
        experiment_id: experimentId,
        request_ids: [requestId],
      }),
    )
    expect(deleted.tracesDeleted).toBe(1)
    await expectError(
      await callEndpoint(server.app, deleteTraces, { experiment_id: experimentId }),
      400,
      'INVALID_PARAMETER_VALUE',
    )
  })
})
