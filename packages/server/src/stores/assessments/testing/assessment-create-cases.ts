/**
 * @module assessment-create-cases
 * Conformance cases of creating and reading assessments: what each kind keeps, how values are
 * stored (Python `json.dumps` text) and returned, ids and times, overrides, and MLflow's errors.
 */
import { describe, expect, it } from 'vitest'
import {
  type AssessmentTestStores,
  expectStoreError,
  START_TIME,
} from './assessment-store-harness.ts'

/**
 * Registers the create / get cases.
 *
 * @example
 * assessmentCreateCases(open)
 */
export function assessmentCreateCases(open: () => Promise<AssessmentTestStores>): void {
  describe('create and get', () => {
    it('stores feedback with its source, rationale and metadata, as MLflow returns it', async () => {
      const { stores, createTrace, rows } = await open()
      const traceId = await createTrace('1')
      const created = await stores.assessmentStore.createAssessment({
        traceId,
        assessment: {
          assessmentName: 'quality',
          traceId: 'tr-ignored',
          spanId: 'span-1',
          source: { sourceType: 'HUMAN', sourceId: 'alice' },
          feedback: { value: { score: 1, labels: ['é', true, null] } },
          rationale: 'fine',
          metadata: { k: 'v', 'mlflow.assessment.sourceRunId': 'run-1' },
          valid: false,
        },
      })
      expect(created.assessmentId).toMatch(/^a-[0-9a-f]{32}$/)
      expect(created).toEqual({
        assessmentId: created.assessmentId,
        assessmentName: 'quality',
        traceId,
        spanId: 'span-1',
        source: { sourceType: 'HUMAN', sourceId: 'alice' },
        createTime: '2023-11-14T22:13:20Z',
        lastUpdateTime: '2023-11-14T22:13:20Z',
        feedback: { value: { score: 1, labels: ['é', true, null] } },
        rationale: 'fine',
        metadata: { k: 'v', 'mlflow.assessment.sourceRunId': 'run-1' },
        valid: true,
      })
      expect(
        await stores.assessmentStore.getAssessment({
          traceId,
          assessmentId: created.assessmentId ?? '',
        }),
      ).toEqual(created)
      const [row] = await rows(traceId)
      expect(row).toMatchObject({
        name: 'quality',
        assessment_type: 'feedback',
        // Python's json.dumps: floats for protobuf numbers, ASCII escapes, ", " separators.
        value: '{"score": 1.0, "labels": ["\\u00e9", true, null]}',
        error: null,
        source_type: 'HUMAN',
        source_id: 'alice',
        run_id: 'run-1',
        span_id: 'span-1',
        rationale: 'fine',
        overrides: null,
        assessment_metadata: '{"k": "v", "mlflow.assessment.sourceRunId": "run-1"}',
      })
      expect(Number(row?.valid)).toBe(1)
      expect(Number(row?.created_timestamp)).toBe(START_TIME)
    })

    it('keeps client-sent ids and times, and fills in what is missing', async () => {
      const { stores, createTrace, advance } = await open()
      const traceId = await createTrace('2')
      advance(5)
      const created = await stores.assessmentStore.createAssessment({
        traceId,
        assessment: {
          assessmentId: 'a-mine',
          feedback: {},
          createTime: '2020-01-01T00:00:00.123456Z',
          lastUpdateTime: 'not a time',
        },
      })
      expect(created).toMatchObject({
        assessmentId: 'a-mine',
        assessmentName: '',
        source: { sourceType: 'SOURCE_TYPE_UNSPECIFIED' },
        createTime: '2020-01-01T00:00:00.123Z',
        lastUpdateTime: '2023-11-14T22:13:20.005Z',
        feedback: { value: null },
      })
      await expectStoreError(
        stores.assessmentStore.createAssessment({
          traceId,
          assessment: { assessmentId: 'a-mine', feedback: { value: 1 } },
        }),
        'RESOURCE_ALREADY_EXISTS',
        "Assessment with ID 'a-mine' already exists.",
      )
    })

    it('stores feedback errors and returns them without empty fields', async () => {
      const { stores, createTrace, rows } = await open()
      const traceId = await createTrace('3')
      const created = await stores.assessmentStore.createAssessment({
        traceId,
        assessment: {
          assessmentName: 'judge',
          feedback: { error: { errorCode: 'RATE_LIMIT', errorMessage: 'slow down' } },
        },
      })
      expect(created.feedback).toEqual({
        value: null,
        error: { errorCode: 'RATE_LIMIT', errorMessage: 'slow down' },
      })
      expect((await rows(traceId))[0]?.error).toBe(
        '{"error_code": "RATE_LIMIT", "error_message": "slow down", "stack_trace": null}',
      )
    })

    it('returns expectation lists and objects as JSON text, scalars as values', async () => {
      const { stores, createTrace, rows } = await open()
      const traceId = await createTrace('4')
      const create = (expectation: object, extra: object = {}) =>
        stores.assessmentStore.createAssessment({
          traceId,
          assessment: { assessmentName: 'expected', expectation, ...extra },
        })
      const serialized = await create(
        { serializedValue: { serializationFormat: 'JSON_FORMAT', value: '{"a":1,"b":[1.5,"é"]}' } },
        { rationale: 'dropped', overrides: 'dropped too' },
      )
      expect(serialized.expectation).toEqual({
        serializedValue: {
          serializationFormat: 'JSON_FORMAT',
          value: '{"a": 1, "b": [1.5, "\\u00e9"]}',
        },
      })
      expect(serialized.rationale).toBeUndefined()
      expect(serialized.overrides).toBeUndefined()
      const structured = await create({ value: { a: [1, 2] } })
      expect(structured.expectation?.serializedValue?.value).toBe('{"a": [1.0, 2.0]}')
      const scalar = await create({ value: 'Paris' })
      expect(scalar.expectation).toEqual({ value: 'Paris' })
      const stored = await rows(traceId)
      expect(stored.map((row) => [row.value, row.rationale, row.overrides])).toEqual([
        ['{"a": 1, "b": [1.5, "\\u00e9"]}', null, null],
        ['{"a": [1.0, 2.0]}', null, null],
        ['"Paris"', null, null],
      ])
    })

    it('stores issue references', async () => {
      const { stores, createTrace } = await open()
      const traceId = await createTrace('5')
      const created = await stores.assessmentStore.createAssessment({
        traceId,
        assessment: {
          assessmentName: 'iss-1',
          issue: { issueName: 'Hallucination' },
          rationale: 'r',
        },
      })
      expect(created).toMatchObject({ issue: { issueName: 'Hallucination' }, rationale: 'r' })
    })

    it('refuses assessments MLflow refuses, with its messages', async () => {
      const { stores, createTrace } = await open()
      const traceId = await createTrace('6')
      const create = (assessment: object, id = traceId) =>
        stores.assessmentStore.createAssessment({ traceId: id, assessment })
      await expectStoreError(
        create({ assessmentName: 'x' }),
        'INVALID_PARAMETER_VALUE',
        'Unknown assessment type: None',
      )
      await expectStoreError(
        create({ expectation: {} }),
        'INVALID_PARAMETER_VALUE',
        'The `value` field must be specified.',
      )
      await expectStoreError(
        create({ expectation: { serializedValue: { serializationFormat: 'XML', value: '<a/>' } } }),
        'INVALID_PARAMETER_VALUE',
        'Unknown serialization format: XML. Only JSON_FORMAT is supported.',
      )
      await expectStoreError(
        create({
          expectation: { serializedValue: { serializationFormat: 'JSON_FORMAT', value: '{' } },
        }),
        'INVALID_PARAMETER_VALUE',
      )
      await expectStoreError(
        create({ feedback: { value: 1 }, expectation: { value: 1 } }),
        'INVALID_PARAMETER_VALUE',
      )
      await expectStoreError(
        create({ feedback: { value: 1 } }, 'tr-unknown'),
        'RESOURCE_DOES_NOT_EXIST',
        "Trace with ID 'tr-unknown' not found.",
      )
    })

    it('answers MLflow messages for an unknown trace or assessment', async () => {
      const { stores, createTrace } = await open()
      const traceId = await createTrace('7')
      await expectStoreError(
        stores.assessmentStore.getAssessment({ traceId: 'tr-nope', assessmentId: 'a-nope' }),
        'RESOURCE_DOES_NOT_EXIST',
        "Trace with request_id 'tr-nope' not found",
      )
      await expectStoreError(
        stores.assessmentStore.getAssessment({ traceId, assessmentId: 'a-nope' }),
        'RESOURCE_DOES_NOT_EXIST',
        `Assessment with ID 'a-nope' not found for trace '${traceId}'`,
      )
    })

    it('marks the overridden assessment invalid, and valid again when the override goes', async () => {
      const { stores, createTrace } = await open()
      const traceId = await createTrace('8')
      const store = stores.assessmentStore
      const first = await store.createAssessment({
        traceId,
        assessment: { assessmentName: 'q', feedback: { value: 'bad' } },
      })
      const firstId = first.assessmentId ?? ''
      const second = await store.createAssessment({
        traceId,
        assessment: { assessmentName: 'q', feedback: { value: 'good' }, overrides: firstId },
      })
      expect(second).toMatchObject({ overrides: firstId, valid: true })
      expect((await store.getAssessment({ traceId, assessmentId: firstId })).valid).toBe(false)
      await store.deleteAssessment({ traceId, assessmentId: second.assessmentId ?? '' })
      expect((await store.getAssessment({ traceId, assessmentId: firstId })).valid).toBe(true)
      await expectStoreError(
        store.createAssessment({
          traceId,
          assessment: { assessmentName: 'q', feedback: { value: 1 }, overrides: 'a-missing' },
        }),
        'RESOURCE_DOES_NOT_EXIST',
        `Assessment with ID 'a-missing' not found for trace '${traceId}'`,
      )
      // Nothing of the refused assessment was stored.
      expect((await stores.traceStore.getTraceInfo({ traceId })).assessments).toHaveLength(1)
    })

    it('deletes quietly when the assessment or trace is unknown', async () => {
      const { stores, createTrace } = await open()
      const traceId = await createTrace('9')
      await stores.assessmentStore.deleteAssessment({ traceId, assessmentId: 'a-nope' })
      await stores.assessmentStore.deleteAssessment({ traceId: 'tr-nope', assessmentId: 'a-nope' })
    })
  })
}
