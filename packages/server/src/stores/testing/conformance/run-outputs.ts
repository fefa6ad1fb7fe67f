/**
 * @module run-outputs
 * Conformance: the logged models a run produced (`logOutputs`, `Run.outputs`) and consumed
 * (`logInputs` with models, `Run.inputs.modelInputs`), as MLflow 3 records them.
 */
import { describe, expect, it } from 'vitest'
import { type ConformanceHarness, expectStoreError } from './conformance-harness.ts'

const modelA = 'm-0000000000000000000000000000000a'
const modelB = 'm-0000000000000000000000000000000b'

/** Registers the run output and model input tests. */
export function describeRunOutputs(harness: ConformanceHarness): void {
  describe('run outputs and model inputs', () => {
    it('records model outputs with their steps, in get and search', async () => {
      const { store } = await harness.open()
      const experimentId = await store.createExperiment({ name: 'outputs' })
      const runId = (await store.createRun({ experimentId })).info.runId
      await store.logOutputs({ runId, models: [] })
      await store.logOutputs({ runId, models: [{ modelId: modelB, step: 3 }] })
      await store.logOutputs({ runId, models: [{ modelId: modelA, step: 0 }] })
      const expected = [
        { modelId: modelA, step: 0 },
        { modelId: modelB, step: 3 },
      ]
      expect((await store.getRunOrThrow({ runId })).outputs.modelOutputs).toEqual(expected)
      const { runs } = await store.searchRuns({ experimentIds: [experimentId] })
      expect(runs.map((run) => run.outputs.modelOutputs)).toEqual([expected])
    })

    it('refuses a model output twice, unknown runs and deleted runs', async () => {
      const { store } = await harness.open()
      const runId = (await store.createRun({})).info.runId
      await store.logOutputs({ runId, models: [{ modelId: modelA, step: 1 }] })
      await expectStoreError(
        store.logOutputs({ runId, models: [{ modelId: modelA, step: 2 }] }),
        'BAD_REQUEST',
      )
      await expectStoreError(
        store.logOutputs({
          runId,
          models: [
            { modelId: modelB, step: 0 },
            { modelId: modelB, step: 0 },
          ],
        }),
        'BAD_REQUEST',
      )
      expect((await store.getRunOrThrow({ runId })).outputs.modelOutputs).toEqual([
        { modelId: modelA, step: 1 },
      ])
      await expectStoreError(
        store.logOutputs({ runId: 'f'.repeat(32), models: [{ modelId: modelA, step: 0 }] }),
        'RESOURCE_DOES_NOT_EXIST',
        `Run with id=${'f'.repeat(32)} not found`,
      )
      await store.deleteRun({ runId })
      await expectStoreError(
        store.logOutputs({ runId, models: [{ modelId: modelB, step: 0 }] }),
        'INVALID_PARAMETER_VALUE',
        `The run ${runId} must be in the 'active' state. Current state is deleted.`,
      )
    })

    it('links model inputs once; get returns them, search does not', async () => {
      const { store } = await harness.open()
      const experimentId = await store.createExperiment({ name: 'inputs' })
      const runId = (await store.createRun({ experimentId })).info.runId
      await store.logInputs({ runId, models: [{ modelId: modelB }, { modelId: modelA }] })
      const report = await store.logInputs({
        runId,
        models: [{ modelId: modelA }],
        datasets: [
          {
            tags: [],
            dataset: { name: 'd', digest: '1', sourceType: 'code', source: '{}' },
          },
        ],
      })
      expect(report.datasets).toEqual({ created: 1, reused: 0 })
      const run = await store.getRunOrThrow({ runId })
      expect(run.inputs.modelInputs).toEqual([{ modelId: modelA }, { modelId: modelB }])
      expect(run.inputs.datasetInputs.map((input) => input.dataset.name)).toEqual(['d'])
      const { runs } = await store.searchRuns({ experimentIds: [experimentId] })
      expect(runs[0]?.inputs.modelInputs).toEqual([])
      await store.deleteRun({ runId })
      await expectStoreError(
        store.logInputs({ runId, models: [{ modelId: modelA }] }),
        'INVALID_PARAMETER_VALUE',
      )
    })
  })
}
