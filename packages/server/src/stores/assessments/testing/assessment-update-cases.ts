/**
 * @module assessment-update-cases
 * Conformance cases of updating assessments: what each field update does, what is kept, and
 * MLflow's errors.
 */
import { describe, expect, it } from 'vitest'
import { type AssessmentTestStores, expectStoreError } from './assessment-store-harness.ts'

/**
 * Registers the update cases.
 *
 * @example
 * assessmentUpdateCases(open)
 */
export function assessmentUpdateCases(open: () => Promise<AssessmentTestStores>): void {
  describe('update', () => {
    it('changes the named fields, merges metadata and keeps source, span, times and validity', async () => {
      const { stores, createTrace, advance, rows } = await open()
      const traceId = await createTrace('a')
      const store = stores.assessmentStore
      const created = await store.createAssessment({
        traceId,
        assessment: {
          assessmentName: 'q',
          spanId: 's',
          source: { sourceType: 'LLM_JUDGE', sourceId: 'gpt' },
          feedback: { value: 1, error: { errorCode: 'E' } },
          rationale: 'old',
          metadata: { a: '1', b: '2' },
        },
      })
      const assessmentId = created.assessmentId ?? ''
      advance(1000)
      const updated = await store.updateAssessment({
        traceId,
        assessmentId,
        name: 'q2',
        rationale: 'new',
        metadata: { b: 'B', c: '3' },
      })
      expect(updated).toEqual({
        ...created,
        assessmentName: 'q2',
        rationale: 'new',
        metadata: { a: '1', b: 'B', c: '3' },
        lastUpdateTime: '2023-11-14T22:13:21Z',
      })
      expect(await store.getAssessment({ traceId, assessmentId })).toEqual(updated)
      // A new feedback value replaces the error as well.
      const revalued = await store.updateAssessment({
        traceId,
        assessmentId,
        feedback: { value: 'yes' },
      })
      expect(revalued.feedback).toEqual({ value: 'yes' })
      expect((await rows(traceId))[0]).toMatchObject({ value: '"yes"', error: null })
      // An empty rationale is stored as such (MLflow sends the proto default).
      expect(
        (await store.updateAssessment({ traceId, assessmentId, rationale: '' })).rationale,
      ).toBe('')
    })

    it('updates expectation values, which never keep a rationale', async () => {
      const { stores, createTrace } = await open()
      const traceId = await createTrace('b')
      const store = stores.assessmentStore
      const created = await store.createAssessment({
        traceId,
        assessment: { assessmentName: 'exp', expectation: { value: 'a' } },
      })
      const assessmentId = created.assessmentId ?? ''
      const updated = await store.updateAssessment({
        traceId,
        assessmentId,
        expectation: { serializedValue: { serializationFormat: 'JSON_FORMAT', value: '[1, 2]' } },
        rationale: 'ignored',
      })
      expect(updated.expectation).toEqual({
        serializedValue: { serializationFormat: 'JSON_FORMAT', value: '[1, 2]' },
      })
      expect(updated.rationale).toBeUndefined()
      await expectStoreError(
        store.updateAssessment({ traceId, assessmentId, expectation: {} }),
        'INVALID_PARAMETER_VALUE',
        'The `value` field must be specified.',
      )
    })

    it('refuses values of the other kind, and unknown ids', async () => {
      const { stores, createTrace } = await open()
      const traceId = await createTrace('c')
      const store = stores.assessmentStore
      const feedback = await store.createAssessment({
        traceId,
        assessment: { feedback: { value: 1 } },
      })
      const expectation = await store.createAssessment({
        traceId,
        assessment: { expectation: { value: 1 } },
      })
      await expectStoreError(
        store.updateAssessment({
          traceId,
          assessmentId: feedback.assessmentId ?? '',
          expectation: { value: 2 },
        }),
        'INVALID_PARAMETER_VALUE',
        'Cannot update expectation value on a Feedback assessment.',
      )
      await expectStoreError(
        store.updateAssessment({
          traceId,
          assessmentId: expectation.assessmentId ?? '',
          feedback: { value: 2 },
        }),
        'INVALID_PARAMETER_VALUE',
        'Cannot update feedback value on an Expectation assessment.',
      )
      await expectStoreError(
        store.updateAssessment({
          traceId,
          assessmentId: feedback.assessmentId ?? '',
          feedback: { value: 2 },
          expectation: { value: 2 },
        }),
        'INVALID_PARAMETER_VALUE',
        'Cannot specify both `expectation` and `feedback` parameters.',
      )
      await expectStoreError(
        store.updateAssessment({ traceId, assessmentId: 'a-nope', name: 'x' }),
        'RESOURCE_DOES_NOT_EXIST',
        `Assessment with ID 'a-nope' not found for trace '${traceId}'`,
      )
      await expectStoreError(
        store.updateAssessment({ traceId: 'tr-nope', assessmentId: 'a-nope', name: 'x' }),
        'RESOURCE_DOES_NOT_EXIST',
        "Trace with request_id 'tr-nope' not found",
      )
    })

    it('keeps an issue reference when its name or rationale changes', async () => {
      const { stores, createTrace } = await open()
      const traceId = await createTrace('d')
      const created = await stores.assessmentStore.createAssessment({
        traceId,
        assessment: { assessmentName: 'iss', issue: { issueName: 'Slow' } },
      })
      const updated = await stores.assessmentStore.updateAssessment({
        traceId,
        assessmentId: created.assessmentId ?? '',
        rationale: 'seen twice',
      })
      expect(updated).toMatchObject({ issue: { issueName: 'Slow' }, rationale: 'seen twice' })
    })
  })
}
