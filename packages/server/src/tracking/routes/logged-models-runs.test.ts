import {
  createLoggedModel,
  createRun,
  getLoggedModel,
  getRun,
  logBatch,
  logInputs,
  logMetric,
  logOutputs,
  searchLoggedModels,
  searchRuns,
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
let modelId: string
beforeEach(async () => {
  server = await createTrackingTestServer()
  const run = await callEndpoint(server.app, createRun, { experiment_id: '0' })
  runId = (await expectResponse(createRun, run)).run.info.runId
  const model = await callEndpoint(server.app, createLoggedModel, {
    experiment_id: '0',
    name: 'agent',
    source_run_id: runId,
  })
  modelId = (await expectResponse(createLoggedModel, model)).model.info.modelId
})
afterEach(() => server.close())

const call = (endpoint: Parameters<typeof callEndpoint>[1], request: object) =>
  callEndpoint(server.app, endpoint, { run_id: runId, ...request })

async function modelMetrics() {
  const response = await callEndpoint(server.app, getLoggedModel, { model_id: modelId })
  return (await expectResponse(getLoggedModel, response)).model.data.metrics
}

async function runMetrics() {
  return (await expectResponse(getRun, await call(getRun, {}))).run.data.metrics
}

describe('runs and logged models', () => {
  it('records log-metric and log-batch points with model_id against the model', async () => {
    await expectResponse(
      logMetric,
      await call(logMetric, {
        key: 'acc',
        value: 0.9,
        timestamp: 5,
        step: 1,
        model_id: modelId,
        dataset_name: 'eval',
        dataset_digest: 'd1',
      }),
    )
    await expectResponse(
      logBatch,
      await call(logBatch, {
        metrics: [
          { key: 'loss', value: 'NaN', timestamp: 6, model_id: modelId },
          { key: 'plain', value: 1, timestamp: 6 },
        ],
      }),
    )
    expect(await modelMetrics()).toEqual([
      {
        key: 'acc',
        value: 0.9,
        timestamp: 5,
        step: 1,
        modelId,
        runId,
        datasetName: 'eval',
        datasetDigest: 'd1',
      },
      { key: 'loss', value: 0, timestamp: 6, step: 0, modelId, runId },
    ])
    expect((await runMetrics()).map((metric) => metric.key)).toEqual(['acc', 'loss', 'plain'])
    const found = await callEndpoint(server.app, searchLoggedModels, {
      experiment_ids: ['0'],
      filter: 'metrics.acc > 0.5',
      datasets: [{ dataset_name: 'eval', dataset_digest: 'd1' }],
    })
    expect((await expectResponse(searchLoggedModels, found)).models).toHaveLength(1)
  })

  it('refuses points for unknown models with BAD_REQUEST, writing nothing for log-metric', async () => {
    await expectError(
      await call(logMetric, { key: 'acc', value: 1, timestamp: 1, model_id: 'm-nope' }),
      400,
      'BAD_REQUEST',
    )
    expect(await runMetrics()).toEqual([])
    await expectResponse(
      logMetric,
      await call(logMetric, { key: 'acc', value: 1, timestamp: 1, model_id: modelId }),
    )
    await expectError(
      await call(logMetric, { key: 'acc', value: 2, timestamp: 1, model_id: modelId }),
      400,
      'BAD_REQUEST',
    )
    await expectError(
      await call(logBatch, {
        metrics: [{ key: 'b', value: 1, timestamp: 1, model_id: 'm-nope' }],
      }),
      400,
      'BAD_REQUEST',
    )
    expect((await modelMetrics()).map((metric) => metric.value)).toEqual([1])
  })

  it('stores run outputs and model inputs in Run.outputs / Run.inputs', async () => {
    await expectResponse(
      logOutputs,
      await call(logOutputs, { models: [{ model_id: modelId, step: 2 }] }),
    )
    await expectError(
      await call(logOutputs, { models: [{ model_id: modelId, step: 3 }] }),
      400,
      'BAD_REQUEST',
    )
    await expectResponse(logOutputs, await call(logOutputs, { models: [] }))
    await expectError(await call(logOutputs, {}), 400, 'INVALID_PARAMETER_VALUE')
    await expectResponse(logInputs, await call(logInputs, { models: [{ model_id: modelId }] }))
    await expectResponse(logInputs, await call(logInputs, { models: [{ model_id: modelId }] }))
    const { run } = await expectResponse(getRun, await call(getRun, {}))
    expect(run.outputs).toEqual({ modelOutputs: [{ modelId, step: 2 }] })
    expect(run.inputs.modelInputs).toEqual([{ modelId }])
    const searched = await callEndpoint(server.app, searchRuns, { experiment_ids: ['0'] })
    const [found] = (await expectResponse(searchRuns, searched)).runs
    expect(found?.outputs.modelOutputs).toEqual([{ modelId, step: 2 }])
    expect(found?.inputs.modelInputs).toEqual([])
    await expectError(
      await callEndpoint(server.app, logOutputs, {
        run_id: 'f'.repeat(32),
        models: [{ model_id: modelId }],
      }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    )
  })
})
