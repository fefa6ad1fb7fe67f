/**
 * @module trace-delete-cases
 * Conformance cases of trace deletion (by ids, by time with a count) and retention.
 */
import { describe, expect, it } from 'vitest'
import { raw, sql } from '../../sql/sql-fragment.ts'
import {
  expectStoreError,
  makeSpan,
  ns,
  START_TIME,
  type OpenTraceStores,
  type TraceTestStores,
  traceIdOf,
} from './trace-store-harness.ts'

async function seed(stores: TraceTestStores, experimentId: string, count: number, first = 1) {
  for (let index = 0; index < count; index++) {
    const traceId = traceIdOf(first + index)
    await stores.traceStore.logSpans({
      experimentId,
      spans: [
        makeSpan({
          traceId,
          spanId: 1,
          startNs: ns(START_TIME + index),
          endNs: ns(START_TIME + index + 1),
        }),
      ],
    })
    await stores.traceStore.setTraceTag({ traceId, key: 'k', value: String(index) })
  }
}

async function countRows(stores: TraceTestStores, table: string): Promise<number> {
  const result = await stores.driver.execute(sql`SELECT COUNT(*) AS n FROM ${raw(table)}`)
  return Number(result.rows[0]?.n)
}

/** Registers the cases. */
export function describeTraceDeletes(open: OpenTraceStores): void {
  describe('delete traces', () => {
    it('by ids, with tags, spans and run links', async () => {
      const stores = await open()
      const experimentId = await stores.trackingStore.createExperiment({ name: 'e' })
      await seed(stores, experimentId, 3)
      await stores.traceStore.linkTracesToRun({ traceIds: [traceIdOf(1)], runId: 'r' })
      const deleted = await stores.traceStore.deleteTraces({
        experimentId,
        traceIds: [traceIdOf(1), traceIdOf(2), traceIdOf(99)],
      })
      expect(deleted).toBe(2)
      expect(await countRows(stores, 'trace_info')).toBe(1)
      expect(await countRows(stores, 'spans')).toBe(1)
      expect(await countRows(stores, 'trace_tags')).toBe(3)
      expect(await countRows(stores, 'entity_associations')).toBe(0)
      expect(
        await stores.traceStore.deleteTraces({ experimentId: '0', traceIds: [traceIdOf(3)] }),
      ).toBe(0)
    })

    it('by time, oldest first, at most max_traces', async () => {
      const stores = await open()
      const experimentId = await stores.trackingStore.createExperiment({ name: 'e' })
      await seed(stores, experimentId, 5)
      expect(
        await stores.traceStore.deleteTraces({
          experimentId,
          maxTimestampMillis: START_TIME + 3,
          maxTraces: 2,
        }),
      ).toBe(2)
      const left = await stores.traceStore.searchTraces({ experimentIds: [experimentId] })
      expect(left.traceInfos.map((info) => info.traceId)).toEqual([
        traceIdOf(5),
        traceIdOf(4),
        traceIdOf(3),
      ])
      expect(
        await stores.traceStore.deleteTraces({ experimentId, maxTimestampMillis: START_TIME + 3 }),
      ).toBe(2)
    })

    it('rejects the argument combinations MLflow rejects', async () => {
      const { traceStore } = await open()
      const cases: [Parameters<typeof traceStore.deleteTraces>[0], string][] = [
        [{ experimentId: '0' }, 'Either `max_timestamp_millis` or `trace_ids` must be specified.'],
        [{ experimentId: '0', traceIds: [] }, 'Either'],
        [
          { experimentId: '0', maxTimestampMillis: 1, traceIds: ['a'] },
          'Only one of `max_timestamp_millis` and `trace_ids` can be specified.',
        ],
        [
          { experimentId: '0', traceIds: ['a'], maxTraces: 1 },
          "`max_traces` can't be specified if `trace_ids` is specified.",
        ],
        [
          { experimentId: '0', maxTimestampMillis: 1, maxTraces: 0 },
          '`max_traces` must be a positive integer, received 0.',
        ],
        [{ experimentId: 'abc', maxTimestampMillis: 1 }, "Invalid experiment ID 'abc'"],
      ]
      for (const [options, message] of cases) {
        await expectStoreError(traceStore.deleteTraces(options), 'INVALID_PARAMETER_VALUE', message)
      }
    })
  })

  describe('retention', () => {
    it('deletes by age and keeps the newest traces per experiment', async () => {
      const stores = await open()
      const first = await stores.trackingStore.createExperiment({ name: 'a' })
      const second = await stores.trackingStore.createExperiment({ name: 'b' })
      await seed(stores, first, 4)
      await seed(stores, second, 3, 10)
      stores.advance(10_000)
      expect(await stores.traceStore.applyRetention({ maxAgeMillis: 10_000 - 2 })).toBe(4)
      expect(await stores.traceStore.applyRetention({ maxCountPerExperiment: 1 })).toBe(1)
      const infos = await stores.traceStore.batchGetTraceInfos({
        traceIds: [1, 2, 3, 4, 10, 11, 12].map(traceIdOf),
      })
      expect(infos.map((info) => info.traceId)).toEqual([traceIdOf(4), traceIdOf(12)])
      expect(await stores.traceStore.applyRetention({})).toBe(0)
    })
  })

  describe('unknown trace ids', () => {
    it('answer RESOURCE_DOES_NOT_EXIST', async () => {
      const { traceStore } = await open()
      await expectStoreError(
        traceStore.getTraceInfo({ traceId: 'tr-unknown' }),
        'RESOURCE_DOES_NOT_EXIST',
        "Trace with ID 'tr-unknown' not found.",
      )
    })
  })
}
