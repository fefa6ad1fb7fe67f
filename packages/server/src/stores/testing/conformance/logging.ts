/**
 * @module logging
 * Conformance: metrics, params and key rules, one at a time.
 */
import { describe, expect, it } from 'vitest'
import { type ConformanceHarness, expectStoreError } from './conformance-harness.ts'

const MAX_DOUBLE = 1.7976931348623157e308

/** Registers the single-item logging tests. */
export function describeLogging(harness: ConformanceHarness): void {
  describe('logging metrics and params', () => {
    it('keeps every point and the latest by (step, timestamp, value)', async () => {
      const { store } = await harness.open()
      const { info } = await store.createRun({})
      const runId = info.runId
      await store.logMetric({ runId, key: 'loss', value: 3, timestamp: 10, step: 2 })
      await store.logMetric({ runId, key: 'loss', value: 9, timestamp: 99, step: 1 })
      await store.logMetric({ runId, key: 'loss', value: 1, timestamp: 10, step: 2 })
      await store.logMetric({ runId, key: 'loss', value: 5, timestamp: 5, step: 2 })
      await store.logMetric({ runId, key: 'acc', value: 0.5, timestamp: 1 })
      const run = await store.getRunOrThrow({ runId })
      expect(run.data.metrics).toEqual([
        { key: 'acc', value: 0.5, timestamp: 1, step: 0 },
        { key: 'loss', value: 3, timestamp: 10, step: 2 },
      ])
      const history = await store.getMetricHistory({ runId, metricKey: 'loss' })
      expect(history.metrics.map((m) => m.value)).toEqual([5, 1, 3, 9])
    })

    it('ignores exact duplicate points', async () => {
      const { store } = await harness.open()
      const { info } = await store.createRun({})
      for (let i = 0; i < 3; i += 1) {
        await store.logMetric({ runId: info.runId, key: 'm', value: 1, timestamp: 7, step: 0 })
      }
      await store.logMetric({ runId: info.runId, key: 'm', value: 1, timestamp: 7, step: 1 })
      const history = await store.getMetricHistory({ runId: info.runId, metricKey: 'm' })
      expect(history.metrics).toHaveLength(2)
    })

    it('stores NaN and returns infinities as the largest double', async () => {
      const { store } = await harness.open()
      const { info } = await store.createRun({})
      const runId = info.runId
      await store.logMetric({ runId, key: 'nan', value: Number.NaN, timestamp: 1 })
      await store.logMetric({ runId, key: 'inf', value: Number.POSITIVE_INFINITY, timestamp: 1 })
      await store.logMetric({ runId, key: 'ninf', value: Number.NEGATIVE_INFINITY, timestamp: 1 })
      const metrics = (await store.getRunOrThrow({ runId })).data.metrics
      expect(metrics.find((m) => m.key === 'nan')?.value).toBeNaN()
      expect(metrics.find((m) => m.key === 'inf')?.value).toBe(MAX_DOUBLE)
      expect(metrics.find((m) => m.key === 'ninf')?.value).toBe(-MAX_DOUBLE)
      const history = await store.getMetricHistory({ runId, metricKey: 'nan' })
      expect(history.metrics[0]?.value).toBeNaN()
    })

    it('compares a NaN point as 0 when choosing the latest value', async () => {
      const { store } = await harness.open()
      const { info } = await store.createRun({})
      await store.logMetric({ runId: info.runId, key: 'm', value: -1, timestamp: 5, step: 3 })
      await store.logMetric({
        runId: info.runId,
        key: 'm',
        value: Number.NaN,
        timestamp: 5,
        step: 3,
      })
      const latest = (await store.getRunOrThrow({ runId: info.runId })).data.metrics[0]
      expect(latest?.value).toBeNaN()
    })

    it('validates metric points with MLflow messages', async () => {
      const { store } = await harness.open()
      const { info } = await store.createRun({})
      const runId = info.runId
      await expectStoreError(
        store.logMetric({ runId, key: 'bad$key', value: 1, timestamp: 1 }),
        'INVALID_PARAMETER_VALUE',
        'Invalid value "bad$key" for parameter \'name\' supplied: Names may only contain ' +
          'alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), colon(:) and ' +
          'slashes (/).',
      )
      await expectStoreError(
        store.logMetric({ runId, key: 'm', value: 1, timestamp: -1 }),
        'INVALID_PARAMETER_VALUE',
        /Timestamp must be a nonnegative long/,
      )
      await expectStoreError(
        store.logMetric({ runId, key: 'k'.repeat(251), value: 1, timestamp: 1 }),
        'INVALID_PARAMETER_VALUE',
        "'Metric name' exceeds the maximum length of 250 characters",
      )
      await expectStoreError(
        store.logMetric({ runId: 'nope', key: 'm', value: 1, timestamp: 1 }),
        'RESOURCE_DOES_NOT_EXIST',
        'Run with id=nope not found',
      )
    })

    const goodKeys = ['a b', 'val/loss', 'a:b', 'x.y-z_w', 'é_ß', '日本', 'a..b', '.hidden']
    const badKeys: [string, string][] = [
      ['a//b', "This name would resolve to 'a/b'"],
      ['./a', "This name would resolve to 'a'"],
      ['a/', "This name would resolve to 'a'"],
      ['/abs', "This name would resolve to '/abs'"],
      ['../up', "This name would resolve to '../up'"],
      ['..a', "This name would resolve to '..a'"],
      ['.', "This name would resolve to '.'"],
      ['', "This name would resolve to '.'"],
      ['semi;colon', 'Names may only contain'],
      ['tab\tkey', 'Names may only contain'],
    ]
    it('accepts the MLflow key character set', async () => {
      const { store } = await harness.open()
      const { info } = await store.createRun({})
      for (const key of goodKeys) {
        await store.logParam({ runId: info.runId, key, value: 'v' })
        await store.setTag({ runId: info.runId, key, value: 'v' })
        await store.logMetric({ runId: info.runId, key, value: 1, timestamp: 1 })
      }
      const run = await store.getRunOrThrow({ runId: info.runId })
      expect(run.data.params.map((p) => p.key).sort()).toEqual([...goodKeys].sort())
    })
    for (const [key, message] of badKeys) {
      it(`rejects the key ${JSON.stringify(key)}`, async () => {
        const { store } = await harness.open()
        const { info } = await store.createRun({})
        const error = await expectStoreError(
          store.logParam({ runId: info.runId, key, value: 'v' }),
          'INVALID_PARAMETER_VALUE',
        )
        expect(error.message).toContain(message)
        expect(error.message).toContain("for parameter 'key' supplied")
      })
    }

    it('allows re-logging a param with the same value, never a different one', async () => {
      const { store } = await harness.open()
      const { info } = await store.createRun({})
      await store.logParam({ runId: info.runId, key: 'lr', value: '0.1' })
      await store.logParam({ runId: info.runId, key: 'lr', value: '0.1' })
      await expectStoreError(
        store.logParam({ runId: info.runId, key: 'lr', value: '0.2' }),
        'INVALID_PARAMETER_VALUE',
        "Changing param values is not allowed. Param with key='lr' was already logged with " +
          `value='0.1' for run ID='${info.runId}'. Attempted logging new value '0.2'.`,
      )
      expect((await store.getRunOrThrow({ runId: info.runId })).data.params).toEqual([
        { key: 'lr', value: '0.1' },
      ])
    })

    it('truncates param values over 6000 characters (or rejects them when strict)', async () => {
      const { store } = await harness.open()
      const { info } = await store.createRun({})
      await store.logParam({ runId: info.runId, key: 'long', value: 'p'.repeat(7000) })
      const param = (await store.getRunOrThrow({ runId: info.runId })).data.params[0]
      expect(param?.value).toHaveLength(6000)
      await store.logParam({ runId: info.runId, key: 'long', value: 'p'.repeat(6500) })
      const strict = (await harness.open({ truncateLongValues: false })).store
      const run = await strict.createRun({})
      await expectStoreError(
        strict.logParam({ runId: run.info.runId, key: 'long', value: 'p'.repeat(6001) }),
        'INVALID_PARAMETER_VALUE',
        "'Param value' exceeds the maximum length of 6000 characters",
      )
    })
  })
}
