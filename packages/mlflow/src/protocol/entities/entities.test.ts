import { describe, expect, it } from 'vitest'
import { experimentSchema } from './experiment.ts'
import { fileInfoSchema } from './file-info.ts'
import { metricSchema } from './metric.ts'
import { paramSchema } from './param.ts'
import { runSchema } from './run.ts'
import { isTerminalRunStatus, RUN_STATUS_NUMBERS, runStatusSchema } from './run-status.ts'
import { VIEW_TYPE_NUMBERS, viewTypeSchema } from './view-type.ts'

describe('entities', () => {
  it('fill what MLflow leaves out: empty lists, step 0, empty param values', () => {
    expect(
      experimentSchema.parse({
        experimentId: '0',
        name: 'Default',
        artifactLocation: 'mlflow-artifacts:/0',
        lifecycleStage: 'active',
      }).tags,
    ).toEqual([])
    expect(metricSchema.parse({ key: 'm', value: 1, timestamp: 1 }).step).toBe(0)
    expect(paramSchema.parse({ key: 'p' })).toEqual({ key: 'p', value: '' })
    expect(fileInfoSchema.parse({ path: 'model' })).toEqual({ path: 'model', isDir: false })
  })

  it('keep NaN and infinite metric values, reject non-integer times', () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(metricSchema.parse({ key: 'm', value, timestamp: 1 }).value).toBe(value)
    }
    expect(metricSchema.safeParse({ key: 'm', value: '1', timestamp: 1 }).success).toBe(false)
    expect(metricSchema.safeParse({ key: 'm', value: 1, timestamp: 1.5 }).success).toBe(false)
  })

  it('give a run empty data, inputs and outputs when absent', () => {
    const run = runSchema.parse({
      info: {
        runId: 'a1',
        experimentId: '1',
        status: 'RUNNING',
        startTime: 1,
        artifactUri: 'x',
        lifecycleStage: 'active',
      },
    })
    expect(run.data).toEqual({ metrics: [], params: [], tags: [] })
    expect(run.inputs).toEqual({ datasetInputs: [], modelInputs: [] })
    expect(run.outputs).toEqual({ modelOutputs: [] })
  })

  it('number enums as the protos do', () => {
    expect(RUN_STATUS_NUMBERS).toEqual({
      RUNNING: 1,
      SCHEDULED: 2,
      FINISHED: 3,
      FAILED: 4,
      KILLED: 5,
    })
    expect(VIEW_TYPE_NUMBERS).toEqual({ ACTIVE_ONLY: 1, DELETED_ONLY: 2, ALL: 3 })
    expect(runStatusSchema.options).toEqual(Object.keys(RUN_STATUS_NUMBERS))
    expect(viewTypeSchema.options).toEqual(Object.keys(VIEW_TYPE_NUMBERS))
    expect(runStatusSchema.options.filter(isTerminalRunStatus)).toEqual([
      'FINISHED',
      'FAILED',
      'KILLED',
    ])
  })
})
