/**
 * @module inputs
 * Conformance: dataset inputs, their dedup per experiment and the dataset summaries.
 */
import type { DatasetInput } from '@dspyflow/mlflow/protocol'
import { describe, expect, it } from 'vitest'
import { type ConformanceHarness, expectStoreError } from './conformance-harness.ts'

function input(name: string, digest: string, context?: string, schema?: string): DatasetInput {
  return {
    tags: context === undefined ? [] : [{ key: 'mlflow.data.context', value: context }],
    dataset: {
      name,
      digest,
      sourceType: 'code',
      source: '{"tags": {}}',
      ...(schema === undefined ? {} : { schema }),
      profile: '{"num_rows": 3}',
    },
  }
}

/** Registers the dataset input tests. */
export function describeInputs(harness: ConformanceHarness): void {
  describe('logInputs', () => {
    it('links datasets with their input tags to a run', async () => {
      const { store } = await harness.open()
      const { info } = await store.createRun({})
      const report = await store.logInputs({
        runId: info.runId,
        datasets: [
          input('train', 'aaaa', 'training', '{"cols": 1}'),
          input('eval', 'bbbb', 'eval'),
        ],
      })
      expect(report).toEqual({
        datasets: { created: 2, reused: 0 },
        inputs: { linked: 2, alreadyLinked: 0 },
      })
      const run = await store.getRunOrThrow({ runId: info.runId })
      expect(run.inputs.datasetInputs).toEqual([
        input('eval', 'bbbb', 'eval'),
        input('train', 'aaaa', 'training', '{"cols": 1}'),
      ])
    })

    it('reuses a dataset by (name, digest) within an experiment and links a run once', async () => {
      const { store } = await harness.open()
      const experimentId = await store.createExperiment({ name: 'datasets' })
      const first = (await store.createRun({ experimentId })).info.runId
      const second = (await store.createRun({ experimentId })).info.runId
      await store.logInputs({ runId: first, datasets: [input('train', 'aaaa', 'training')] })
      const again = await store.logInputs({
        runId: first,
        datasets: [input('train', 'aaaa', 'other', '{"changed": true}')],
      })
      expect(again).toEqual({
        datasets: { created: 0, reused: 1 },
        inputs: { linked: 0, alreadyLinked: 1 },
      })
      const reused = await store.logInputs({
        runId: second,
        datasets: [input('train', 'aaaa', 'eval'), input('train', 'cccc'), input('train', 'cccc')],
      })
      expect(reused).toEqual({
        datasets: { created: 1, reused: 1 },
        inputs: { linked: 2, alreadyLinked: 0 },
      })
      const firstRun = await store.getRunOrThrow({ runId: first })
      expect(firstRun.inputs.datasetInputs).toEqual([input('train', 'aaaa', 'training')])
      const summaries = await store.searchDatasets({ experimentIds: [experimentId] })
      expect(summaries).toEqual([
        { experimentId, name: 'train', digest: 'aaaa', context: 'eval' },
        { experimentId, name: 'train', digest: 'aaaa', context: 'training' },
        { experimentId, name: 'train', digest: 'cccc' },
      ])
    })

    it('keeps datasets of different experiments apart', async () => {
      const { store } = await harness.open()
      const a = await store.createExperiment({ name: 'a' })
      const b = await store.createExperiment({ name: 'b' })
      for (const experimentId of [a, b]) {
        const { info } = await store.createRun({ experimentId })
        const report = await store.logInputs({ runId: info.runId, datasets: [input('d', '1')] })
        expect(report.datasets.created).toBe(1)
      }
      expect(await store.searchDatasets({ experimentIds: [a, b] })).toHaveLength(2)
    })

    it('validates datasets and input tags', async () => {
      const { store } = await harness.open()
      const { info } = await store.createRun({})
      const runId = info.runId
      await expectStoreError(
        store.logInputs({ runId, datasets: [input('n'.repeat(501), 'a')] }),
        'INVALID_PARAMETER_VALUE',
        "'name' exceeds the maximum length of 500 characters",
      )
      await expectStoreError(
        store.logInputs({ runId, datasets: [input('d', 'x'.repeat(37))] }),
        'INVALID_PARAMETER_VALUE',
        "'digest' exceeds the maximum length of 36 characters",
      )
      const longTag = input('d', 'a')
      longTag.tags = [{ key: 'mlflow.data.context', value: 'v'.repeat(501) }]
      await expectStoreError(
        store.logInputs({ runId, datasets: [longTag] }),
        'INVALID_PARAMETER_VALUE',
        "'value' exceeds the maximum length of 500 characters",
      )
      const noSource = input('d', 'a') as unknown as { dataset: Record<string, unknown> }
      delete noSource.dataset.source
      await expectStoreError(
        store.logInputs({ runId, datasets: [noSource as unknown as DatasetInput] }),
        'INVALID_PARAMETER_VALUE',
        'Dataset source cannot be None',
      )
      expect((await store.getRunOrThrow({ runId })).inputs.datasetInputs).toEqual([])
    })
  })
}
