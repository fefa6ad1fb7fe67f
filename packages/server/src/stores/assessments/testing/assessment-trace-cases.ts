/**
 * @module assessment-trace-cases
 * Conformance cases of assessments as part of traces: the assessments a StartTraceV3 request
 * carries, the assessments in trace infos, and deletion with the trace.
 */
import { describe, expect, it } from 'vitest'
import { loadTraceAssessments } from '../load-trace-assessments.ts'
import type { AssessmentTestStores } from './assessment-store-harness.ts'

/**
 * Registers the trace-related cases.
 *
 * @example
 * assessmentTraceCases(open)
 */
export function assessmentTraceCases(open: () => Promise<AssessmentTestStores>): void {
  describe('assessments of traces', () => {
    it('shows a trace its assessments, oldest first', async () => {
      const { stores, createTrace, advance, driver, dialect } = await open()
      const first = await createTrace('e1')
      const second = await createTrace('e2')
      const store = stores.assessmentStore
      const b = await store.createAssessment({
        traceId: first,
        assessment: { assessmentName: 'b', feedback: { value: true } },
      })
      advance(1)
      const a = await store.createAssessment({
        traceId: first,
        assessment: { assessmentName: 'a', expectation: { value: 2 } },
      })
      const info = await stores.traceStore.getTraceInfo({ traceId: first })
      expect(info.assessments.map((item) => item.assessmentName)).toEqual(['b', 'a'])
      expect(info.assessments[0]).toEqual(b)
      expect(info.assessments[1]).toEqual(a)
      const byTrace = await loadTraceAssessments({
        executor: driver,
        traceIds: [first, second, first],
        dialect: dialect.name,
      })
      expect([...byTrace.keys()]).toEqual([first])
      expect(byTrace.get(first)).toEqual([b, a])
    })

    it('stores the assessments StartTraceV3 carries, replacing ones with the same id', async () => {
      const { stores, createTrace, rows } = await open()
      const traceId = await createTrace('f', [
        {
          assessmentId: 'a-1',
          assessmentName: 'kept',
          feedback: { value: 1 },
          traceId: 'tr-other',
        },
        { assessmentName: 'generated id', expectation: { value: 'x' } },
      ])
      await createTrace('f', [
        {
          assessmentId: 'a-1',
          assessmentName: 'replaced',
          feedback: { value: 2 },
          overrides: 'a-none',
        },
      ])
      const stored = await rows(traceId)
      expect(stored.map((row) => [row.name, row.value, row.trace_id])).toEqual([
        ['generated id', '"x"', traceId],
        ['replaced', '2.0', traceId],
      ])
      expect(String(stored[0]?.assessment_id)).toMatch(/^a-[0-9a-f]{32}$/)
      const info = await stores.traceStore.getTraceInfo({ traceId })
      expect(
        info.assessments.map((item) => [item.assessmentName, item.overrides, item.valid]),
      ).toEqual([
        ['generated id', undefined, true],
        ['replaced', 'a-none', true],
      ])
    })

    it('deletes the assessments of deleted traces', async () => {
      const { stores, createTrace, experimentId, rows } = await open()
      const traceId = await createTrace('10')
      await stores.assessmentStore.createAssessment({
        traceId,
        assessment: { assessmentName: 'x', feedback: { value: 1 } },
      })
      await stores.traceStore.deleteTraces({ experimentId, traceIds: [traceId] })
      expect(await rows(traceId)).toEqual([])
    })
  })
}
