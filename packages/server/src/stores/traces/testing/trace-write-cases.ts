/**
 * @module trace-write-cases
 * Conformance cases of trace writes: StartTraceV3, OTLP span batches, their merge and
 * concurrency.
 */
import { describe, expect, it } from 'vitest'
import { spanRecordFromDictJson } from '../spans/span-dict.ts'
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
export function describeTraceWrites(open: OpenTraceStores): void {
  describe('StartTraceV3', () => {
    it('stores the info, adds the artifact location and the finalized marker', async () => {
      const { traceStore, trackingStore } = await open()
      const experimentId = await trackingStore.createExperiment({ name: 'e' })
      const traceId = traceIdOf(1)
      const info = await traceStore.startTrace({
        traceInfo: makeTraceInfo({
          traceId,
          experimentId,
          clientRequestId: 'c1',
          requestPreview: 'in',
          responsePreview: 'out',
          tags: { team: 'nlp', 'mlflow.traceName': 'agent' },
          traceMetadata: {
            a: 'b',
            'mlflow.trace.tokenUsage': '{"total_tokens": 5, "input_tokens": 2.0, "bogus": 1}',
            'mlflow.trace.cost': '{"total_cost": 1, "input_cost": 0.1}',
          },
        }),
      })
      expect(info).toMatchObject({
        traceId,
        experimentId,
        requestTime: START_TIME,
        executionDuration: 10,
        state: 'OK',
        clientRequestId: 'c1',
        requestPreview: 'in',
        responsePreview: 'out',
      })
      expect(info.tags).toEqual({
        team: 'nlp',
        'mlflow.traceName': 'agent',
        'mlflow.artifactLocation': `mlflow-artifacts:/${experimentId}/traces/${traceId}/artifacts`,
      })
      expect(info.traceMetadata).toEqual({
        a: 'b',
        'mlflow.trace.infoFinalized': 'true',
        'mlflow.trace.tokenUsage': '{"input_tokens": 2, "total_tokens": 5}',
        'mlflow.trace.cost': '{"input_cost": 0.1, "total_cost": 1.0}',
      })
      expect(await traceStore.getTraceInfo({ traceId })).toEqual(info)
    })

    it('upserts: a second call overwrites fields and keeps other tags', async () => {
      const { traceStore, trackingStore } = await open()
      const experimentId = await trackingStore.createExperiment({ name: 'e' })
      const traceId = traceIdOf(2)
      await traceStore.startTrace({
        traceInfo: makeTraceInfo({
          traceId,
          experimentId,
          tags: { kept: '1' },
          requestPreview: 'p',
        }),
      })
      const info = await traceStore.startTrace({
        traceInfo: makeTraceInfo({ traceId, experimentId, state: 'ERROR', executionDuration: 99 }),
      })
      expect(info).toMatchObject({ state: 'ERROR', executionDuration: 99, requestPreview: 'p' })
      expect(info.tags.kept).toBe('1')
    })

    it('rejects unknown and deleted experiments and over-long trace names', async () => {
      const { traceStore, trackingStore } = await open()
      await expectStoreError(
        traceStore.startTrace({
          traceInfo: makeTraceInfo({ traceId: traceIdOf(3), experimentId: '999' }),
        }),
        'RESOURCE_DOES_NOT_EXIST',
        'No Experiment with id=999 exists',
      )
      await expectStoreError(
        traceStore.startTrace({
          traceInfo: makeTraceInfo({ traceId: traceIdOf(3), experimentId: 'x' }),
        }),
        'INVALID_PARAMETER_VALUE',
      )
      const experimentId = await trackingStore.createExperiment({ name: 'gone' })
      await trackingStore.deleteExperiment({ experimentId })
      await expectStoreError(
        traceStore.startTrace({
          traceInfo: makeTraceInfo({ traceId: traceIdOf(3), experimentId }),
        }),
        'INVALID_PARAMETER_VALUE',
        /must be in the 'active' state/,
      )
      const active = await trackingStore.createExperiment({ name: 'active' })
      await expectStoreError(
        traceStore.startTrace({
          traceInfo: makeTraceInfo({
            traceId: traceIdOf(3),
            experimentId: active,
            tags: { 'mlflow.traceName': 'x'.repeat(4097) },
          }),
        }),
        'INVALID_PARAMETER_VALUE',
        "'Trace name' exceeds the maximum length of 4096 characters",
      )
      await expectStoreError(
        traceStore.getTraceInfo({ traceId: traceIdOf(3) }),
        'RESOURCE_DOES_NOT_EXIST',
      )
    })
  })

  describe('span batches (OTLP)', () => {
    it('create the trace on the first span, widen it, finish it with the root span', async () => {
      const { traceStore, trackingStore } = await open()
      const experimentId = await trackingStore.createExperiment({ name: 'e' })
      const traceId = traceIdOf(10)
      const big = 1_795_488_086_823_481_706n
      await traceStore.logSpans({
        experimentId,
        spans: [
          makeSpan({
            traceId,
            spanId: 2,
            parent: 1,
            startNs: big + 5_000_000n,
            endNs: big + 7_000_001n,
            attributes: {
              'mlflow.spanType': 'LLM',
              'mlflow.chat.tokenUsage': { input_tokens: 3, output_tokens: 4, total_tokens: 7 },
            },
          }),
        ],
      })
      let info = await traceStore.getTraceInfo({ traceId })
      expect(info.state).toBe('IN_PROGRESS')
      expect(info.requestTime).toBe(Number((big + 5_000_000n) / 1_000_000n))
      expect(info.tags['mlflow.trace.spansLocation']).toBe('TRACKING_STORE')
      await traceStore.logSpans({
        experimentId,
        spans: [
          makeSpan({
            traceId,
            spanId: 1,
            name: 'root',
            startNs: big,
            endNs: big + 20_000_000n,
            attributes: {
              'mlflow.spanInputs': { x: 21 },
              'mlflow.spanOutputs': 42,
              'mlflow.traceTag.team': 'nlp',
              'session.id': 's-1',
            },
          }),
        ],
      })
      info = await traceStore.getTraceInfo({ traceId })
      expect(info).toMatchObject({
        state: 'OK',
        requestTime: Number(big / 1_000_000n),
        executionDuration: 20,
        requestPreview: '{"x": 21}',
        responsePreview: '42',
      })
      expect(info.tags.team).toBe('nlp')
      expect(info.traceMetadata['mlflow.trace.tokenUsage']).toBe(
        '{"input_tokens": 3, "output_tokens": 4, "total_tokens": 7}',
      )
      expect(info.traceMetadata['mlflow.trace.session']).toBe('s-1')
      const trace = await traceStore.getTrace({ traceId })
      const spans = trace.spanDicts.map(spanRecordFromDictJson)
      expect(spans.map((span) => span.name)).toEqual(['root', 'span-2'])
      expect(spans[0]?.startTimeUnixNano).toBe(big)
      expect(spans[1]?.endTimeUnixNano).toBe(big + 7_000_001n)
      expect(trace.spanDicts[0]).toContain('"mlflow.spanInputs": "{\\"x\\": 21}"')
    })

    it('merge with StartTraceV3: info overwritten, spans and the spans location kept', async () => {
      const { traceStore, trackingStore } = await open()
      const experimentId = await trackingStore.createExperiment({ name: 'e' })
      const traceId = traceIdOf(11)
      await traceStore.logSpans({
        experimentId,
        spans: [
          makeSpan({
            traceId,
            spanId: 1,
            startNs: ns(START_TIME),
            endNs: ns(START_TIME + 5),
            attributes: { 'mlflow.spanInputs': 'q' },
          }),
        ],
      })
      const info = await traceStore.startTrace({
        traceInfo: makeTraceInfo({
          traceId,
          experimentId,
          requestTime: START_TIME - 1,
          executionDuration: 7,
          traceMetadata: { 'mlflow.trace.sizeStats': '{"num_spans": 1}' },
        }),
      })
      expect(info).toMatchObject({ requestTime: START_TIME - 1, executionDuration: 7 })
      expect(info.requestPreview).toBe('"q"')
      expect(info.tags['mlflow.trace.spansLocation']).toBe('TRACKING_STORE')
      // A late batch after the info is final does not move its times.
      await traceStore.logSpans({
        experimentId,
        spans: [
          makeSpan({
            traceId,
            spanId: 2,
            parent: 1,
            startNs: ns(START_TIME - 100),
            endNs: ns(START_TIME + 100),
          }),
        ],
      })
      const after = await traceStore.getTraceInfo({ traceId })
      expect(after).toMatchObject({ requestTime: START_TIME - 1, executionDuration: 7 })
      const [stored] = await traceStore.batchGetTraces({ traceIds: [traceId] })
      expect(stored?.spanDicts).toHaveLength(2)
    })

    it('rejects a new trace in an unknown experiment', async () => {
      const { traceStore } = await open()
      await expectStoreError(
        traceStore.logSpans({
          experimentId: '404',
          spans: [makeSpan({ traceId: traceIdOf(12), spanId: 1, startNs: ns(START_TIME) })],
        }),
        'RESOURCE_DOES_NOT_EXIST',
      )
    })

    it('stay consistent under concurrent batches and StartTraceV3', async () => {
      const { traceStore, trackingStore } = await open()
      const experimentId = await trackingStore.createExperiment({ name: 'e' })
      const traceId = traceIdOf(13)
      const batches = Array.from({ length: 8 }, (_, index) =>
        traceStore.logSpans({
          experimentId,
          spans: [
            makeSpan({
              traceId,
              spanId: index + 2,
              parent: 1,
              startNs: ns(START_TIME + index),
              endNs: ns(START_TIME + 50 + index),
              attributes: {
                'mlflow.chat.tokenUsage': { input_tokens: 1, output_tokens: 1, total_tokens: 2 },
              },
            }),
          ],
        }),
      )
      await Promise.all([
        ...batches,
        traceStore.logSpans({
          experimentId,
          spans: [
            makeSpan({
              traceId,
              spanId: 1,
              startNs: ns(START_TIME - 10),
              endNs: ns(START_TIME + 100),
            }),
          ],
        }),
      ])
      const trace = await traceStore.getTrace({ traceId, allowPartial: true })
      expect(trace.spanDicts).toHaveLength(9)
      expect(trace.info).toMatchObject({
        requestTime: START_TIME - 10,
        executionDuration: 110,
        state: 'OK',
      })
      expect(trace.info.traceMetadata['mlflow.trace.tokenUsage']).toBe(
        '{"input_tokens": 8, "output_tokens": 8, "total_tokens": 16}',
      )
    })
  })
}
