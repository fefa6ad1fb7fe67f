/**
 * @module concurrency
 * Conformance: concurrent calls on one store (several requests in flight at once, as a server
 * sees them) neither lose writes nor break MLflow's rules.
 */
import { describe, expect, it } from 'vitest'
import { StoreError } from '../../store-error.ts'
import type { ConformanceHarness } from './conformance-harness.ts'

async function settle<T>(promises: Promise<T>[]) {
  const results = await Promise.allSettled(promises)
  const failures = results.flatMap((result) =>
    result.status === 'rejected' ? [result.reason] : [],
  )
  return { fulfilled: results.length - failures.length, failures }
}

/** Registers the concurrency tests. */
export function describeConcurrency(harness: ConformanceHarness): void {
  describe('concurrent calls', () => {
    it('keeps every metric point and the right latest value', async () => {
      const { store } = await harness.open()
      const { info } = await store.createRun({})
      const order = Array.from({ length: 60 }, (_, i) => (i * 37) % 60)
      await Promise.all(
        order.map((step) =>
          store.logMetric({
            runId: info.runId,
            key: 'loss',
            value: step / 10,
            timestamp: step,
            step,
          }),
        ),
      )
      const history = await store.getMetricHistory({ runId: info.runId, metricKey: 'loss' })
      expect(history.metrics).toHaveLength(60)
      const latest = (await store.getRunOrThrow({ runId: info.runId })).data.metrics[0]
      expect(latest).toEqual({ key: 'loss', value: 5.9, timestamp: 59, step: 59 })
    })

    it('mixes batches, params and tags without losing any', async () => {
      const { store } = await harness.open()
      const { info } = await store.createRun({})
      const runId = info.runId
      await Promise.all([
        ...Array.from({ length: 20 }, (_, i) =>
          store.logBatch({
            runId,
            metrics: [{ key: `m${i}`, value: i, timestamp: i }],
            params: [{ key: `p${i}`, value: String(i) }],
            tags: [{ key: `t${i}`, value: String(i) }],
          }),
        ),
        ...Array.from({ length: 20 }, (_, i) => store.setTag({ runId, key: `s${i}`, value: 'x' })),
      ])
      const run = await store.getRunOrThrow({ runId })
      expect(run.data.metrics).toHaveLength(20)
      expect(run.data.params).toHaveLength(20)
      expect(run.data.tags).toHaveLength(41)
    })

    it('lets one of several conflicting param values win', async () => {
      const { store } = await harness.open()
      const { info } = await store.createRun({})
      const same = await settle(
        Array.from({ length: 10 }, () =>
          store.logParam({ runId: info.runId, key: 'a', value: 'v' }),
        ),
      )
      expect(same.failures).toEqual([])
      const { fulfilled, failures } = await settle(
        Array.from({ length: 10 }, (_, i) =>
          store.logParam({ runId: info.runId, key: 'b', value: String(i) }),
        ),
      )
      expect(fulfilled).toBe(1)
      expect(failures).toHaveLength(9)
      for (const failure of failures) {
        expect(StoreError.isInstance(failure) && failure.code).toBe('INVALID_PARAMETER_VALUE')
      }
    })

    it('creates one experiment per name and distinct runs', async () => {
      const { store } = await harness.open()
      const { fulfilled, failures } = await settle(
        Array.from({ length: 8 }, () => store.createExperiment({ name: 'race' })),
      )
      expect(fulfilled).toBe(1)
      for (const failure of failures) {
        expect(StoreError.isInstance(failure) && failure.code).toBe('RESOURCE_ALREADY_EXISTS')
      }
      const runs = await Promise.all(Array.from({ length: 25 }, () => store.createRun({})))
      expect(new Set(runs.map((run) => run.info.runId)).size).toBe(25)
      const found = await store.searchRuns({ experimentIds: ['0'] })
      expect(found.runs).toHaveLength(25)
    })

    it('links a dataset once when logged concurrently', async () => {
      const { store } = await harness.open()
      const { info } = await store.createRun({})
      const datasets = [
        { tags: [], dataset: { name: 'd', digest: '1', sourceType: 'code', source: '{}' } },
      ]
      await Promise.all(
        Array.from({ length: 5 }, () => store.logInputs({ runId: info.runId, datasets })),
      )
      const run = await store.getRunOrThrow({ runId: info.runId })
      expect(run.inputs.datasetInputs).toHaveLength(1)
    })
  })
}
