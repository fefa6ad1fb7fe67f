import {
  createRun,
  deleteRun,
  deleteTag,
  getRun,
  logBatch,
  logInputs,
  logMetric,
  logModel,
  logOutputs,
  logParam,
  restoreRun,
  searchRuns,
  setTag,
  updateRun,
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
  const response = await callEndpoint(server.app, createRun, {
    experiment_id: '0',
    run_name: 'mipro',
    start_time: 1_700_000_000_000,
    tags: [{ key: 'mlflow.user', value: 'ada' }],
  })
  runId = (await expectResponse(createRun, response)).run.info.runId
})
afterEach(() => server.close())

const call = (endpoint: Parameters<typeof callEndpoint>[1], request: object) =>
  callEndpoint(server.app, endpoint, { run_id: runId, ...request })

describe('run routes', () => {
  it('creates and gets a run', async () => {
    const { run } = await expectResponse(getRun, await call(getRun, {}))
    expect(run.info).toMatchObject({
      runId,
      runName: 'mipro',
      experimentId: '0',
      status: 'RUNNING',
      lifecycleStage: 'active',
      artifactUri: `mlflow-artifacts:/0/${runId}/artifacts`,
    })
    const byUuid = await callEndpoint(server.app, getRun, { run_uuid: runId })
    expect((await expectResponse(getRun, byUuid)).run.info.runId).toBe(runId)
    const missing = await expectError(
      await callEndpoint(server.app, getRun, { run_id: 'nope' }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    )
    expect(missing.message).toBe('Run with id=nope not found')
  })

  it('logs metrics, params, batches and tags', async () => {
    await expectResponse(
      logMetric,
      await call(logMetric, { key: 'score', value: 0.5, timestamp: 5, step: 1 }),
    )
    await expectResponse(
      logMetric,
      await call(logMetric, { key: 'loss', value: 'NaN', timestamp: 5 }),
    )
    await expectResponse(logParam, await call(logParam, { key: 'auto', value: 'light' }))
    await expectResponse(
      logBatch,
      await call(logBatch, {
        metrics: [{ key: 'score', value: 0.8, timestamp: 6, step: 2 }],
        params: [{ key: 'seed', value: '0' }],
        tags: [{ key: 'phase', value: 'compile' }],
      }),
    )
    await expectResponse(setTag, await call(setTag, { key: 'note', value: 'x' }))
    await expectResponse(deleteTag, await call(deleteTag, { key: 'note' }))
    const { run } = await expectResponse(getRun, await call(getRun, {}))
    expect(run.data.metrics.find((metric) => metric.key === 'score')?.value).toBe(0.8)
    expect(Number.isNaN(run.data.metrics.find((metric) => metric.key === 'loss')?.value)).toBe(true)
    expect(run.data.params).toEqual(
      expect.arrayContaining([
        { key: 'auto', value: 'light' },
        { key: 'seed', value: '0' },
      ]),
    )
    expect(run.data.tags.map((tag) => tag.key)).toContain('phase')
    expect(run.data.tags.map((tag) => tag.key)).not.toContain('note')
  })

  it('refuses to change a param, with MLflow message', async () => {
    await expectResponse(logParam, await call(logParam, { key: 'lr', value: '0.1' }))
    const error = await expectError(
      await call(logParam, { key: 'lr', value: '0.2' }),
      400,
      'INVALID_PARAMETER_VALUE',
    )
    expect(error.message).toContain('Changing param values is not allowed')
  })

  it('refuses over-limit batches', async () => {
    const metrics = Array.from({ length: 1001 }, (_, index) => ({
      key: 'm',
      value: index,
      timestamp: index,
    }))
    const error = await expectError(
      await call(logBatch, { metrics }),
      400,
      'INVALID_PARAMETER_VALUE',
    )
    expect(error.message).toContain('at most 1000 metrics')
  })

  it('updates, deletes and restores; deleted runs refuse writes', async () => {
    const updated = await expectResponse(
      updateRun,
      await call(updateRun, { status: 'FINISHED', end_time: 1_700_000_001_000 }),
    )
    expect(updated.runInfo).toMatchObject({ status: 'FINISHED', endTime: 1_700_000_001_000 })
    await expectResponse(deleteRun, await call(deleteRun, {}))
    await expectError(
      await call(logMetric, { key: 'x', value: 1, timestamp: 1 }),
      400,
      'INVALID_PARAMETER_VALUE',
    )
    await expectResponse(restoreRun, await call(restoreRun, {}))
  })

  it('searches runs, and answers bad filters with 400', async () => {
    await expectResponse(logParam, await call(logParam, { key: 'auto', value: 'light' }))
    const found = await expectResponse(
      searchRuns,
      await callEndpoint(server.app, searchRuns, {
        experiment_ids: ['0'],
        filter: "params.auto = 'light'",
      }),
    )
    expect(found.runs.map((run) => run.info.runId)).toEqual([runId])
    const error = await expectError(
      await callEndpoint(server.app, searchRuns, {
        experiment_ids: ['0'],
        filter: 'metrics.score >',
      }),
      400,
      'INVALID_PARAMETER_VALUE',
    )
    expect(error.message.length).toBeGreaterThan(0)
  })

  it('logs dataset inputs', async () => {
    const dataset = {
      name: 'gsm8k',
      digest: 'abc123',
      source_type: 'local',
      source: '{"uri": "gsm8k.jsonl"}',
    }
    await expectResponse(
      logInputs,
      await call(logInputs, {
        datasets: [{ dataset, tags: [{ key: 'mlflow.data.context', value: 'train' }] }],
      }),
    )
    const { run } = await expectResponse(getRun, await call(getRun, {}))
    expect(run.inputs.datasetInputs[0]?.dataset.name).toBe('gsm8k')
  })

  it('keeps the legacy log-model history tag', async () => {
    const model = {
      artifact_path: 'model',
      run_id: runId,
      utc_time_created: '2025-06-15 14:07:41.282000',
      flavors: { dspy: { config: { big: true }, code: null } },
      signature: {},
    }
    await expectResponse(logModel, await call(logModel, { model_json: JSON.stringify(model) }))
    await expectResponse(logModel, await call(logModel, { model_json: JSON.stringify(model) }))
    const { run } = await expectResponse(getRun, await call(getRun, {}))
    const history = JSON.parse(
      run.data.tags.find((tag) => tag.key === 'mlflow.log-model.history')?.value ?? '[]',
    )
    expect(history).toHaveLength(2)
    expect(history[0]).toEqual({
      artifact_path: 'model',
      run_id: runId,
      utc_time_created: '2025-06-15 14:07:41.282000',
      flavors: { dspy: { code: null } },
    })
    const missing = await expectError(
      await call(logModel, { model_json: '{"artifact_path": "m"}' }),
      400,
      'INVALID_PARAMETER_VALUE',
    )
    expect(missing.message).toContain('Model json is missing mandatory fields')
  })

  it('records logged-model outputs', async () => {
    await expectResponse(
      logOutputs,
      await call(logOutputs, { models: [{ model_id: 'm-1', step: 0 }] }),
    )
  })
})
