/**
 * @module log-batch
 * Conformance: `logBatch` limits, immutability, atomicity and its report.
 */
import { describe, expect, it } from 'vitest'
import type { LogBatchOptions, MetricPoint } from '../../tracking-store.ts'
import { type ConformanceHarness, expectStoreError } from './conformance-harness.ts'

const metrics = (count: number): MetricPoint[] =>
  Array.from({ length: count }, (_, index) => ({
    key: `m${index % 10}`,
    value: index,
    timestamp: index,
    step: index,
  }))
const entries = (count: number, prefix: string) =>
  Array.from({ length: count }, (_, index) => ({ key: `${prefix}${index}`, value: String(index) }))

/** Registers the batch logging tests. */
export function describeLogBatch(harness: ConformanceHarness): void {
  describe('logBatch', () => {
    it('writes params, metrics and tags and reports what it wrote', async () => {
      const { store } = await harness.open()
      const { info } = await store.createRun({ runName: 'before' })
      const report = await store.logBatch({
        runId: info.runId,
        metrics: [
          { key: 'acc', value: 0.5, timestamp: 1, step: 0 },
          { key: 'acc', value: 0.7, timestamp: 2, step: 1 },
          { key: 'acc', value: 0.7, timestamp: 2, step: 1 },
        ],
        params: [{ key: 'lr', value: '0.1' }],
        tags: [
          { key: 'team', value: 'a' },
          { key: 'team', value: 'b' },
          { key: 'mlflow.runName', value: 'after' },
        ],
      })
      expect(report).toEqual({
        metrics: { written: 2, duplicates: 1 },
        params: { written: 1, unchanged: 0 },
        tags: { written: 2 },
      })
      const run = await store.getRunOrThrow({ runId: info.runId })
      expect(run.info.runName).toBe('after')
      expect(run.data.metrics).toEqual([{ key: 'acc', value: 0.7, timestamp: 2, step: 1 }])
      expect(run.data.params).toEqual([{ key: 'lr', value: '0.1' }])
      expect(run.data.tags).toEqual([
        { key: 'mlflow.runName', value: 'after' },
        { key: 'team', value: 'b' },
      ])
      const again = await store.logBatch({
        runId: info.runId,
        params: [{ key: 'lr', value: '0.1' }],
      })
      expect(again.params).toEqual({ written: 0, unchanged: 1 })
    })

    it('accepts the largest batches MLflow allows', async () => {
      const { store } = await harness.open()
      const { info } = await store.createRun({})
      await store.logBatch({ runId: info.runId, metrics: metrics(1000) })
      await store.logBatch({
        runId: info.runId,
        metrics: metrics(800).map((m) => ({ ...m, key: 'other' })),
        params: entries(100, 'p'),
        tags: entries(100, 't'),
      })
      const history = await store.getMetricHistory({ runId: info.runId, metricKey: 'm3' })
      expect(history.metrics).toHaveLength(100)
      expect((await store.getRunOrThrow({ runId: info.runId })).data.params).toHaveLength(100)
    })

    const limits: [string, Omit<LogBatchOptions, 'runId'>, string][] = [
      [
        '1001 metrics',
        { metrics: metrics(1001) },
        'A batch logging request can contain at most 1000 metrics. Got 1001 metrics. ' +
          'Please split up metrics across multiple requests and try again.',
      ],
      ['101 params', { params: entries(101, 'p') }, 'at most 100 params. Got 101 params.'],
      ['101 tags', { tags: entries(101, 't') }, 'at most 100 tags. Got 101 tags.'],
      [
        '1001 entities',
        { metrics: metrics(900), params: entries(100, 'p'), tags: entries(1, 't') },
        'at most 1000 metrics, params, and tags. Got 1001 metrics, params, and tags.',
      ],
    ]
    for (const [name, batch, message] of limits) {
      it(`rejects ${name}`, async () => {
        const { store } = await harness.open()
        const { info } = await store.createRun({})
        const error = await expectStoreError(
          store.logBatch({ runId: info.runId, ...batch }),
          'INVALID_PARAMETER_VALUE',
        )
        expect(error.message).toContain(message)
      })
    }

    it('rejects duplicate param keys in one request', async () => {
      const { store } = await harness.open()
      const { info } = await store.createRun({})
      await expectStoreError(
        store.logBatch({
          runId: info.runId,
          params: [
            { key: 'a', value: '1' },
            { key: 'a', value: '1' },
          ],
        }),
        'INVALID_PARAMETER_VALUE',
        "Duplicate parameter keys have been submitted: ['a']. Please ensure the request contains " +
          'only one param value per param key.',
      )
    })

    it('writes nothing when a param would change', async () => {
      const { store } = await harness.open()
      const { info } = await store.createRun({})
      const runId = info.runId
      await store.logParam({ runId, key: 'lr', value: '0.1' })
      await expectStoreError(
        store.logBatch({
          runId,
          params: [
            { key: 'fresh', value: 'x' },
            { key: 'lr', value: '0.2' },
          ],
          metrics: [{ key: 'm', value: 1, timestamp: 1 }],
          tags: [{ key: 't', value: 'v' }],
        }),
        'INVALID_PARAMETER_VALUE',
        "Changing param values is not allowed. Params were already logged='[{'key': 'lr', " +
          `'old_value': '0.1', 'new_value': '0.2'}]' for run ID='${runId}'.`,
      )
      const run = await store.getRunOrThrow({ runId })
      expect(run.data.params).toEqual([{ key: 'lr', value: '0.1' }])
      expect(run.data.metrics).toEqual([])
      expect(run.data.tags.map((t) => t.key)).toEqual(['mlflow.runName'])
    })

    it('names the offending item in validation messages', async () => {
      const { store } = await harness.open()
      const { info } = await store.createRun({})
      await expectStoreError(
        store.logBatch({
          runId: info.runId,
          metrics: [
            { key: 'ok', value: 1, timestamp: 1 },
            { key: 'a//b', value: 1, timestamp: 1 },
          ],
        }),
        'INVALID_PARAMETER_VALUE',
        /^Invalid value "a\/\/b" for parameter 'metrics\[1\]\.name' supplied/,
      )
      await expectStoreError(
        store.logBatch({ runId: info.runId, tags: [{ key: 'bad$', value: 'x' }] }),
        'INVALID_PARAMETER_VALUE',
        /^Invalid value "bad\$" for parameter 'tags\[0\]\.key' supplied/,
      )
      await expectStoreError(
        store.logBatch({ runId: 'not a run id!' }),
        'INVALID_PARAMETER_VALUE',
        'Invalid value "not a run id!" for parameter \'run_id\' supplied.',
      )
      await expectStoreError(store.logBatch({ runId: 'unknown' }), 'RESOURCE_DOES_NOT_EXIST')
    })
  })
}
