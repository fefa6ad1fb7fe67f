/**
 * @module metric-history
 * Conformance: paged metric history and MLflow 3's sampled bulk-interval history (expected
 * samples computed with MLflow 3.17's SQL store).
 */
import { describe, expect, it } from 'vitest'
import type { TrackingStore } from '../../tracking-store.ts'
import { type ConformanceHarness, expectStoreError } from './conformance-harness.ts'

async function seedHistory(store: TrackingStore): Promise<{ first: string; second: string }> {
  const first = (await store.createRun({ runName: 'r1' })).info.runId
  const second = (await store.createRun({ runName: 'r2' })).info.runId
  await store.logBatch({
    runId: first,
    metrics: Array.from({ length: 10 }, (_, i) => ({
      key: 'loss',
      value: i,
      timestamp: 1000 + i,
      step: i,
    })),
  })
  await store.logBatch({
    runId: second,
    metrics: Array.from({ length: 3 }, (_, i) => ({
      key: 'loss',
      value: i * 10,
      timestamp: 2000 + i,
      step: i * 5,
    })),
  })
  return { first, second }
}

/** Registers the metric history tests. */
export function describeMetricHistory(harness: ConformanceHarness): void {
  describe('metric history', () => {
    it('stores and returns steps and timestamps beyond 2^53 exactly', async () => {
      const { store } = await harness.open()
      const runId = (await store.createRun({ runName: 'big' })).info.runId
      const huge = 2n ** 62n + 1n
      await store.logBatch({
        runId,
        metrics: [
          { key: 'big', value: 1, timestamp: 1, step: 2 ** 40 },
          { key: 'big', value: 2, timestamp: 9007199254740993n, step: huge },
        ],
      })
      const history = await store.getMetricHistory({ runId, metricKey: 'big' })
      expect(history.metrics.map((m) => [m.timestamp, m.step])).toEqual([
        [1, 2 ** 40],
        [9007199254740993n, huge],
      ])
      const run = await store.getRunOrThrow({ runId })
      expect(run.data.metrics.map((m) => m.step)).toEqual([huge])
      const sampled = await store.getMetricHistoryBulkInterval({
        runIds: [runId],
        metricKey: 'big',
        startStep: 0,
        endStep: Number.MAX_SAFE_INTEGER,
      })
      expect(sampled.map((m) => m.step)).toEqual([2 ** 40])
    })

    it('pages through history in (timestamp, step, value) order', async () => {
      const { store } = await harness.open()
      const { first } = await seedHistory(store)
      const seen: number[] = []
      let pageToken: string | undefined
      let pages = 0
      do {
        const page = await store.getMetricHistory({
          runId: first,
          metricKey: 'loss',
          maxResults: 4,
          ...(pageToken ? { pageToken } : {}),
        })
        seen.push(...page.metrics.map((m) => m.value))
        pageToken = page.nextPageToken
        pages += 1
      } while (pageToken)
      expect(pages).toBe(3)
      expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
      const all = await store.getMetricHistory({ runId: first, metricKey: 'loss' })
      expect(all.metrics).toHaveLength(10)
      expect(all.nextPageToken).toBeUndefined()
      expect(all.metrics[3]).toEqual({ key: 'loss', value: 3, timestamp: 1003, step: 3 })
    })

    it('returns an empty history for unknown runs and keys', async () => {
      const { store } = await harness.open()
      expect((await store.getMetricHistory({ runId: 'nope', metricKey: 'x' })).metrics).toEqual([])
      await expectStoreError(
        store.getMetricHistory({ runId: 'nope', metricKey: 'x', pageToken: '%%%' }),
        'INVALID_PARAMETER_VALUE',
        'Invalid page token, could not base64-decode',
      )
    })

    const samples: [
      string,
      { maxResults: number; startStep?: number; endStep?: number },
      number[],
    ][] = [
      ['4 of 10 points', { maxResults: 4 }, [0, 3, 6, 9]],
      ['5 of 10 points', { maxResults: 5 }, [0, 2, 4, 6, 9]],
      ['7 of 10 points', { maxResults: 7 }, [0, 2, 4, 6, 7, 8, 9]],
      ['1 point (the last)', { maxResults: 1 }, [9]],
      ['a step range', { maxResults: 3, startStep: 2, endStep: 6 }, [2, 4, 6]],
      ['all points when they fit', { maxResults: 2500 }, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]],
    ]
    for (const [name, options, steps] of samples) {
      it(`samples ${name} per run as MLflow does`, async () => {
        const { store } = await harness.open()
        const { first } = await seedHistory(store)
        const points = await store.getMetricHistoryBulkInterval({
          runIds: [first],
          metricKey: 'loss',
          ...options,
        })
        expect(points.map((p) => p.step)).toEqual(steps)
        expect(points.every((p) => p.runId === first && p.key === 'loss')).toBe(true)
      })
    }

    it('samples several runs independently and keeps many points of one step', async () => {
      const { store } = await harness.open()
      const { first, second } = await seedHistory(store)
      const points = await store.getMetricHistoryBulkInterval({
        runIds: [first, second],
        metricKey: 'loss',
        maxResults: 5,
      })
      expect(points.map((p) => [p.runId === first ? 1 : 2, p.step, p.value])).toEqual([
        [1, 0, 0],
        [1, 2, 2],
        [1, 4, 4],
        [1, 6, 6],
        [1, 9, 9],
        [2, 0, 0],
        [2, 5, 10],
        [2, 10, 20],
      ])
      const same = (await store.createRun({})).info.runId
      await store.logBatch({
        runId: same,
        metrics: Array.from({ length: 6 }, (_, i) => ({
          key: 's',
          value: i,
          timestamp: i,
          step: 0,
        })),
      })
      const flat = await store.getMetricHistoryBulkInterval({
        runIds: [same],
        metricKey: 's',
        maxResults: 3,
      })
      expect(flat.map((p) => p.value)).toEqual([0, 2, 5])
    })

    it('rejects bad step ranges and sizes', async () => {
      const { store } = await harness.open()
      const { first } = await seedHistory(store)
      const base = { runIds: [first], metricKey: 'loss' }
      await expectStoreError(
        store.getMetricHistoryBulkInterval({ ...base, startStep: 1 }),
        'INVALID_PARAMETER_VALUE',
        'If either start step or end step are specified, both must be specified.',
      )
      await expectStoreError(
        store.getMetricHistoryBulkInterval({ ...base, startStep: 5, endStep: 1 }),
        'INVALID_PARAMETER_VALUE',
        'end_step must be greater than start_step. Found start_step=5 and end_step=1.',
      )
      await expectStoreError(
        store.getMetricHistoryBulkInterval({ ...base, maxResults: 2501 }),
        'INVALID_PARAMETER_VALUE',
        'max_results must be between 1 and 2500.',
      )
      await expectStoreError(
        store.getMetricHistoryBulkInterval({
          runIds: Array.from({ length: 101 }, (_, i) => `r${i}`),
          metricKey: 'loss',
        }),
        'INVALID_PARAMETER_VALUE',
        /must specify at most 100 run_ids/,
      )
    })
  })
}
