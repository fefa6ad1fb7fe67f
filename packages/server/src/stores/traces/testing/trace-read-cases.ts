/**
 * @module trace-read-cases
 * Conformance cases of reading traces with spans (partial traces, batch gets), tags, run links
 * and the legacy v2 lifecycle.
 */
import { describe, expect, it } from 'vitest'
import {
  expectStoreError,
  makeSpan,
  makeTraceInfo,
  ns,
  START_TIME,
  type OpenTraceStores,
  traceIdOf,
} from './trace-store-harness.ts'

/** Registers the cases. */
export function describeTraceReads(open: OpenTraceStores): void {
  describe('reading traces with spans', () => {
    it('waits for missing spans unless partial traces are allowed', async () => {
      const { traceStore, trackingStore } = await open()
      const experimentId = await trackingStore.createExperiment({ name: 'e' })
      const traceId = traceIdOf(20)
      await traceStore.logSpans({
        experimentId,
        spans: [
          makeSpan({ traceId, spanId: 1, startNs: ns(START_TIME), endNs: ns(START_TIME + 1) }),
        ],
      })
      await traceStore.startTrace({
        traceInfo: makeTraceInfo({
          traceId,
          experimentId,
          traceMetadata: { 'mlflow.trace.sizeStats': '{"num_spans": 2}' },
        }),
      })
      await expectStoreError(
        traceStore.getTrace({ traceId }),
        'RESOURCE_DOES_NOT_EXIST',
        /not fully exported/,
      )
      expect((await traceStore.getTrace({ traceId, allowPartial: true })).spanDicts).toHaveLength(1)
      expect(await traceStore.batchGetTraces({ traceIds: [traceId] })).toEqual([])
      await expectStoreError(
        traceStore.getTrace({ traceId: traceIdOf(21) }),
        'RESOURCE_DOES_NOT_EXIST',
      )
    })

    it('batch gets keep request order and skip unknown or artifact-backed traces', async () => {
      const { traceStore, trackingStore } = await open()
      const experimentId = await trackingStore.createExperiment({ name: 'e' })
      for (const n of [30, 31]) {
        await traceStore.logSpans({
          experimentId,
          spans: [
            makeSpan({
              traceId: traceIdOf(n),
              spanId: 1,
              startNs: ns(START_TIME),
              endNs: ns(START_TIME + 1),
            }),
          ],
        })
      }
      await traceStore.startTrace({
        traceInfo: makeTraceInfo({ traceId: traceIdOf(32), experimentId }),
      })
      const ids = [traceIdOf(31), traceIdOf(99), traceIdOf(32), traceIdOf(30)]
      const traces = await traceStore.batchGetTraces({ traceIds: ids })
      expect(traces.map((trace) => trace.info.traceId)).toEqual([traceIdOf(31), traceIdOf(30)])
      const infos = await traceStore.batchGetTraceInfos({ traceIds: ids })
      expect(infos.map((info) => info.traceId)).toEqual([
        traceIdOf(31),
        traceIdOf(32),
        traceIdOf(30),
      ])
      const scoped = await traceStore.batchGetTraceInfos({ traceIds: ids, experimentIds: ['0'] })
      expect(scoped).toEqual([])
    })
  })

  describe('tags and run links', () => {
    it('set, overwrite and delete tags with MLflow errors', async () => {
      const { traceStore, trackingStore } = await open()
      const experimentId = await trackingStore.createExperiment({ name: 'e' })
      const traceId = traceIdOf(40)
      await traceStore.startTrace({ traceInfo: makeTraceInfo({ traceId, experimentId }) })
      await traceStore.setTraceTag({ traceId, key: 'k', value: 'v1' })
      await traceStore.setTraceTag({ traceId, key: 'k', value: 'v2' })
      await traceStore.setTraceTag({ traceId, key: 'long', value: 'x'.repeat(9000) })
      let info = await traceStore.getTraceInfo({ traceId })
      expect(info.tags.k).toBe('v2')
      expect(info.tags.long).toHaveLength(8000)
      await traceStore.deleteTraceTag({ traceId, key: 'k' })
      info = await traceStore.getTraceInfo({ traceId })
      expect(info.tags.k).toBeUndefined()
      await expectStoreError(
        traceStore.deleteTraceTag({ traceId, key: 'k' }),
        'RESOURCE_DOES_NOT_EXIST',
        `No trace tag with key 'k' for trace with ID '${traceId}'`,
      )
      await expectStoreError(
        traceStore.setTraceTag({ traceId: traceIdOf(41), key: 'k', value: 'v' }),
        'RESOURCE_DOES_NOT_EXIST',
      )
      await expectStoreError(
        traceStore.setTraceTag({ traceId, key: '../k', value: 'v' }),
        'INVALID_PARAMETER_VALUE',
      )
      await expectStoreError(
        traceStore.setTraceTag({ traceId, key: 'k'.repeat(251), value: 'v' }),
        'INVALID_PARAMETER_VALUE',
        "'key' exceeds the maximum length of 250 characters",
      )
    })

    it('links at most 100 traces to a run per call', async () => {
      const { traceStore } = await open()
      await traceStore.linkTracesToRun({ traceIds: [traceIdOf(1), traceIdOf(1)], runId: 'r1' })
      await traceStore.linkTracesToRun({ traceIds: [traceIdOf(1)], runId: 'r1' })
      await expectStoreError(
        traceStore.linkTracesToRun({
          traceIds: Array.from({ length: 101 }, (_, i) => traceIdOf(i + 1)),
          runId: 'r1',
        }),
        'INVALID_PARAMETER_VALUE',
        'Cannot link more than 100 traces to a run in a single request. Provided 101 traces.',
      )
    })
  })

  describe('legacy v2 lifecycle', () => {
    it('starts an in-progress trace and ends it', async () => {
      const { traceStore, trackingStore } = await open()
      const experimentId = await trackingStore.createExperiment({ name: 'e' })
      const started = await traceStore.startTraceV2({
        experimentId,
        timestampMs: 1000,
        requestMetadata: { m: '1' },
        tags: { t: '1' },
      })
      expect(started).toMatchObject({
        state: 'IN_PROGRESS',
        requestTime: 1000,
        executionDuration: undefined,
      })
      expect(started.traceId).toMatch(/^[0-9a-f]{32}$/)
      const ended = await traceStore.endTraceV2({
        requestId: started.traceId,
        timestampMs: 1500,
        state: 'OK',
        requestMetadata: { m: '2' },
        tags: { u: '2' },
      })
      expect(ended).toMatchObject({ state: 'OK', executionDuration: 500 })
      expect(ended.traceMetadata.m).toBe('2')
      expect(ended.tags).toMatchObject({ t: '1', u: '2' })
      await expectStoreError(
        traceStore.endTraceV2({
          requestId: 'nope',
          timestampMs: 1,
          state: 'OK',
          requestMetadata: {},
          tags: {},
        }),
        'RESOURCE_DOES_NOT_EXIST',
        "Trace with ID 'nope' not found.",
      )
    })
  })
}
