/**
 * @module describe-metrics
 * Conformance: metric points logged to runs with a `model_id` and recorded against the model.
 */
import { describe, expect, it } from 'vitest'
import { expectStoreError } from '../../testing/conformance/conformance-harness.ts'
import type { LoggedModelHarness } from './logged-model-harness.ts'

/** Registers the model metric tests. */
export function describeLoggedModelMetrics(harness: LoggedModelHarness): void {
  describe('logged model metrics', () => {
    it('records every point with its run, dataset and sanitised value', async () => {
      const { stores } = await harness.open()
      const experimentId = await stores.trackingStore.createExperiment({ name: 'metrics' })
      const runId = (await stores.trackingStore.createRun({ experimentId })).info.runId
      const { modelId } = (await stores.loggedModelStore.createLoggedModel({ experimentId })).info
      const big = 2n ** 60n
      await stores.loggedModelStore.logLoggedModelMetrics({
        runId,
        metrics: [
          { modelId, key: 'acc', value: 0.5, timestamp: 2, step: 1, datasetName: 'eval' },
          { modelId, key: 'acc', value: 0.7, timestamp: 1, step: 0, datasetDigest: 'd1' },
          { modelId, key: 'nan', value: Number.NaN, timestamp: 1 },
          { modelId, key: 'inf', value: Number.NEGATIVE_INFINITY, timestamp: 1, step: big },
          { modelId, key: 'acc', value: 0.7, timestamp: 1, step: 0, datasetDigest: 'd1' },
        ],
      })
      // An exact repeat is ignored.
      await stores.loggedModelStore.logLoggedModelMetrics({
        runId,
        metrics: [{ modelId, key: 'nan', value: Number.NaN, timestamp: 1 }],
      })
      const model = await stores.loggedModelStore.getLoggedModelOrThrow({ modelId })
      expect(model.data.metrics).toEqual([
        { key: 'acc', value: 0.7, timestamp: 1, step: 0, modelId, runId, datasetDigest: 'd1' },
        { key: 'acc', value: 0.5, timestamp: 2, step: 1, modelId, runId, datasetName: 'eval' },
        { key: 'inf', value: -1.7976931348623157e308, timestamp: 1, step: big, modelId, runId },
        { key: 'nan', value: 0, timestamp: 1, step: 0, modelId, runId },
      ])
    })

    it('refuses unknown models, changed values, bad points and inactive runs', async () => {
      const { stores } = await harness.open()
      const runId = (await stores.trackingStore.createRun({})).info.runId
      const { modelId } = (await stores.loggedModelStore.createLoggedModel({ experimentId: '0' }))
        .info
      const store = stores.loggedModelStore
      await store.logLoggedModelMetrics({
        runId,
        metrics: [{ modelId, key: 'acc', value: 0.5, timestamp: 1 }],
      })
      await expectStoreError(
        store.logLoggedModelMetrics({
          runId,
          metrics: [{ modelId, key: 'acc', value: 0.6, timestamp: 1 }],
        }),
        'BAD_REQUEST',
      )
      await expectStoreError(
        store.logLoggedModelMetrics({
          runId,
          metrics: [
            { modelId, key: 'other', value: 1, timestamp: 1 },
            { modelId: 'm-nope', key: 'acc', value: 1, timestamp: 1 },
          ],
        }),
        'BAD_REQUEST',
      )
      await expectStoreError(
        store.checkLoggedModelsExist({ modelIds: [modelId, 'm-nope'] }),
        'BAD_REQUEST',
      )
      await store.checkLoggedModelsExist({ modelIds: [modelId, modelId] })
      await expectStoreError(
        store.logLoggedModelMetrics({
          runId,
          metrics: [{ modelId, key: '../x', value: 1, timestamp: 1 }],
        }),
        'INVALID_PARAMETER_VALUE',
      )
      await expectStoreError(
        store.logLoggedModelMetrics({
          runId: '0123456789abcdef0123456789abcdef',
          metrics: [{ modelId, key: 'acc', value: 1, timestamp: 5 }],
        }),
        'RESOURCE_DOES_NOT_EXIST',
      )
      await stores.trackingStore.deleteRun({ runId })
      await expectStoreError(
        store.logLoggedModelMetrics({
          runId,
          metrics: [{ modelId, key: 'acc', value: 1, timestamp: 5 }],
        }),
        'INVALID_PARAMETER_VALUE',
      )
      const model = await store.getLoggedModelOrThrow({ modelId })
      expect(model.data.metrics.map((metric) => [metric.key, metric.value])).toEqual([['acc', 0.5]])
    })
  })
}
