import {
  createRun,
  getMetricHistory,
  getMetricHistoryBulkInterval,
  logBatch,
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
let runId: string
beforeEach(async () => {
  server = await createTrackingTestServer()
  const created = await callEndpoint(server.app, createRun, { experiment_id: '0' })
  runId = (await expectResponse(createRun, created)).run.info.runId
  const metrics = Array.from({ length: 5 }, (_, step) => ({
    key: 'score',
    value: step / 10,
    timestamp: 1000 + step,
    step,
  }))
  await expectResponse(
    logBatch,
    await callEndpoint(server.app, logBatch, { run_id: runId, metrics }),
  )
})
afterEach(() => server.close())

describe('metric routes', () => {
  it('returns the whole history, and pages it', async () => {
    const all = await expectResponse(
      getMetricHistory,
      await callEndpoint(server.app, getMetricHistory, { run_id: runId, metric_key: 'score' }),
    )
    expect(all.metrics.map((metric) => metric.step)).toEqual([0, 1, 2, 3, 4])
    const page = await expectResponse(
      getMetricHistory,
      await callEndpoint(server.app, getMetricHistory, {
        run_id: runId,
        metric_key: 'score',
        max_results: 2,
      }),
    )
    expect(page.metrics).toHaveLength(2)
    expect(page.nextPageToken).toBeTypeOf('string')
    const next = await expectResponse(
      getMetricHistory,
      await callEndpoint(server.app, getMetricHistory, {
        run_id: runId,
        metric_key: 'score',
        max_results: 2,
        page_token: page.nextPageToken ?? '',
      }),
    )
    expect(next.metrics.map((metric) => metric.step)).toEqual([2, 3])
  })

  it('samples several runs for charts, under /ajax-api too', async () => {
    const response = await callEndpoint(
      server.app,
      getMetricHistoryBulkInterval,
      { run_ids: [runId], metric_key: 'score', max_results: 2 },
      { ajax: true },
    )
    const { metrics } = await expectResponse(getMetricHistoryBulkInterval, response)
    expect(metrics.map((metric) => [metric.runId, metric.step])).toEqual([
      [runId, 0],
      [runId, 4],
    ])
    await expectError(
      await callEndpoint(server.app, getMetricHistoryBulkInterval, {
        run_ids: [runId],
        metric_key: 'score',
        start_step: 3,
      }),
      400,
      'INVALID_PARAMETER_VALUE',
    )
  })
})
