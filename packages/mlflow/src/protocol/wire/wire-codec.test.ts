import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { experimentSchema } from '../entities/experiment.ts'
import { metricSchema } from '../entities/metric.ts'
import { type Run, runSchema } from '../entities/run.ts'
import { camelToSnake, snakeToCamel } from './field-names.ts'
import { parseJsonBigIntSafe } from './parse-json-bigint-safe.ts'
import { printJsonBigIntSafe } from './print-json-bigint-safe.ts'
import { wireCodec } from './wire-codec.ts'

const runWire = wireCodec(runSchema)

const run: Run = {
  info: {
    runId: '5f0c2a9e0d4b4e0fa1c3b7d2e9f81234',
    runName: 'clever-cat-42',
    experimentId: '1',
    userId: '',
    status: 'FINISHED',
    startTime: 1718460461282,
    endTime: 1718460469000,
    artifactUri: 'mlflow-artifacts:/1/5f0c2a9e0d4b4e0fa1c3b7d2e9f81234/artifacts',
    lifecycleStage: 'active',
  },
  data: {
    metrics: [
      { key: 'nan', value: Number.NaN, timestamp: 5, step: 1 },
      { key: 'inf', value: Number.POSITIVE_INFINITY, timestamp: 5, step: 0 },
      { key: 'ninf', value: Number.NEGATIVE_INFINITY, timestamp: 5, step: 0 },
      { key: 'score', value: 0.82, timestamp: 6, step: 2, modelId: 'm-1' },
    ],
    params: [{ key: 'p', value: '' }],
    tags: [{ key: 'mlflow.runName', value: 'clever-cat-42' }],
  },
  inputs: {
    datasetInputs: [
      {
        tags: [{ key: 'mlflow.data.context', value: 'training' }],
        dataset: { name: 'd', digest: 'abc', sourceType: 'code', source: '{}' },
      },
    ],
    modelInputs: [],
  },
  outputs: { modelOutputs: [] },
}

describe('field names', () => {
  it('converts between camelCase and snake_case', () => {
    expect(camelToSnake('lastUpdateTime')).toBe('last_update_time')
    expect(camelToSnake('isDir')).toBe('is_dir')
    expect(snakeToCamel('dataset_inputs')).toBe('datasetInputs')
    expect(snakeToCamel('start_time_unix_nano')).toBe('startTimeUnixNano')
  })
})

describe('wireCodec', () => {
  it('writes a run as MLflow does: snake_case, run_uuid, NaN as strings, no empty lists', () => {
    const wire = z.encode(runWire, run)
    expect(wire).toEqual({
      info: {
        run_id: run.info.runId,
        run_uuid: run.info.runId,
        run_name: 'clever-cat-42',
        experiment_id: '1',
        user_id: '',
        status: 'FINISHED',
        start_time: 1718460461282,
        end_time: 1718460469000,
        artifact_uri: run.info.artifactUri,
        lifecycle_stage: 'active',
      },
      data: {
        metrics: [
          { key: 'nan', value: 'NaN', timestamp: 5, step: 1 },
          { key: 'inf', value: 'Infinity', timestamp: 5, step: 0 },
          { key: 'ninf', value: '-Infinity', timestamp: 5, step: 0 },
          { key: 'score', value: 0.82, timestamp: 6, step: 2, model_id: 'm-1' },
        ],
        params: [{ key: 'p', value: '' }],
        tags: [{ key: 'mlflow.runName', value: 'clever-cat-42' }],
      },
      inputs: {
        dataset_inputs: [
          {
            tags: [{ key: 'mlflow.data.context', value: 'training' }],
            dataset: { name: 'd', digest: 'abc', source_type: 'code', source: '{}' },
          },
        ],
      },
      outputs: {},
    })
  })

  it('round-trips through JSON text', () => {
    const text = printJsonBigIntSafe(z.encode(runWire, run))
    expect(runWire.parse(parseJsonBigIntSafe(text))).toEqual(run)
    expect(runWire.parse(JSON.parse(text))).toEqual(run)
  })

  it('reads int64 strings, enum numbers, run_uuid, null and absent parts', () => {
    const decoded = runWire.parse({
      info: {
        run_uuid: 'a1',
        run_id: null,
        experiment_id: '1',
        status: 3,
        start_time: '1718460461282',
        end_time: null,
        artifact_uri: 'x',
        lifecycle_stage: 'active',
        unknown_field: 1,
      },
      data: { metrics: [{ key: 'm', value: '1.5', timestamp: '7' }] },
    })
    expect(decoded.info).toEqual({
      runId: 'a1',
      experimentId: '1',
      status: 'FINISHED',
      startTime: 1718460461282,
      artifactUri: 'x',
      lifecycleStage: 'active',
    })
    expect(decoded.data).toEqual({
      metrics: [{ key: 'm', value: 1.5, timestamp: 7, step: 0 }],
      params: [],
      tags: [],
    })
    expect(decoded.inputs).toEqual({ datasetInputs: [], modelInputs: [] })
    expect(decoded.outputs).toEqual({ modelOutputs: [] })
  })

  it('accepts the camelCase JSON names protobuf also accepts', () => {
    const experiment = wireCodec(experimentSchema).parse({
      experimentId: '1',
      name: 'e',
      artifact_location: 'a',
      lifecycleStage: 'deleted',
      creationTime: '1',
    })
    expect(experiment).toMatchObject({
      experimentId: '1',
      lifecycleStage: 'deleted',
      creationTime: 1,
    })
  })

  it('rejects what cannot be read, with camelCase paths', () => {
    const metricWire = wireCodec(metricSchema)
    const result = metricWire.safeParse({ key: 'm', value: 'abc', timestamp: '1.5' })
    expect(result.success).toBe(false)
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([['value'], ['timestamp']])
  })

  it('keeps record keys as they are and handles bigint fields', () => {
    const schema = z.object({
      traceMetadata: z.record(z.string(), z.string()),
      startTimeUnixNano: z.bigint(),
    })
    const codec = wireCodec(schema)
    const value = { traceMetadata: { 'mlflow.sourceRun': 'a1' }, startTimeUnixNano: 2n ** 62n }
    const wire = z.encode(codec, value)
    expect(wire).toEqual({
      trace_metadata: { 'mlflow.sourceRun': 'a1' },
      start_time_unix_nano: 2n ** 62n,
    })
    expect(printJsonBigIntSafe(wire)).toBe(
      '{"trace_metadata":{"mlflow.sourceRun":"a1"},"start_time_unix_nano":4611686018427387904}',
    )
    expect(
      codec.parse({ trace_metadata: {}, start_time_unix_nano: '4611686018427387904' }),
    ).toEqual({
      traceMetadata: {},
      startTimeUnixNano: 2n ** 62n,
    })
  })
})
