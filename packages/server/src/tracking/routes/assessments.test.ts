import {
  createAssessment,
  deleteAssessment,
  getAssessment,
  updateAssessment,
  type WireObject,
} from '@dspyflow/mlflow/protocol'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  callEndpoint,
  createTrackingTestServer,
  expectError,
  expectResponse,
  type TrackingTestServer,
} from '../testing/tracking-test-server.ts'

const TRACE_ID = `tr-${'ab'.repeat(16)}`

let server: TrackingTestServer

beforeEach(async () => {
  server = await createTrackingTestServer()
  const experimentId = await server.trackingStore.createExperiment({ name: 'assessments' })
  await server.stores.traceStore.startTrace({
    traceInfo: {
      traceId: TRACE_ID,
      experimentId,
      requestTime: 1_700_000_000_000,
      executionDuration: 10,
      state: 'OK',
      traceMetadata: {},
      tags: {},
      assessments: [],
    },
  })
})

afterEach(async () => {
  await server.close()
})

async function create(assessment: WireObject): Promise<string> {
  const response = await callEndpoint(server.app, createAssessment, {
    trace_id: TRACE_ID,
    assessment,
  })
  const { assessment: created } = await expectResponse(createAssessment, response)
  return created.assessmentId ?? ''
}

function patch(assessmentId: string, body: WireObject): Promise<Response> {
  return callEndpoint(server.app, updateAssessment, {
    trace_id: TRACE_ID,
    assessment_id: assessmentId,
    ...body,
  })
}

describe('assessment routes', () => {
  it('create answers the stored assessment in snake_case, with null feedback values kept', async () => {
    const response = await callEndpoint(server.app, createAssessment, {
      trace_id: TRACE_ID,
      assessment: {
        assessment_name: 'judge',
        source: { source_type: 'LLM_JUDGE', source_id: 'gpt' },
        feedback: { error: { error_code: 'TIMEOUT' } },
      },
    })
    expect(response.status).toBe(200)
    const body = (await response.json()) as { assessment: Record<string, unknown> }
    expect(body.assessment).toMatchObject({
      assessment_name: 'judge',
      trace_id: TRACE_ID,
      source: { source_type: 'LLM_JUDGE', source_id: 'gpt' },
      feedback: { value: null, error: { error_code: 'TIMEOUT' } },
      valid: true,
    })
    expect(body.assessment.assessment_id).toMatch(/^a-[0-9a-f]{32}$/)
    expect(body.assessment.create_time).toMatch(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/)
  })

  it('get and delete round-trip, and deleting twice is fine', async () => {
    const assessmentId = await create({ assessment_name: 'x', expectation: { value: 'Paris' } })
    const fetched = await expectResponse(
      getAssessment,
      await callEndpoint(server.app, getAssessment, {
        trace_id: TRACE_ID,
        assessment_id: assessmentId,
      }),
    )
    expect(fetched.assessment.expectation).toEqual({ value: 'Paris' })
    for (let i = 0; i < 2; i++) {
      await expectResponse(
        deleteAssessment,
        await callEndpoint(server.app, deleteAssessment, {
          trace_id: TRACE_ID,
          assessment_id: assessmentId,
        }),
      )
    }
    await expectError(
      await callEndpoint(server.app, getAssessment, {
        trace_id: TRACE_ID,
        assessment_id: assessmentId,
      }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    )
  })

  it('update applies the fields a protobuf JSON field mask names', async () => {
    const assessmentId = await create({
      assessment_name: 'q',
      feedback: { value: 1 },
      rationale: 'r',
    })
    const update = async (body: WireObject) =>
      (await expectResponse(updateAssessment, await patch(assessmentId, body))).assessment
    expect(
      await update({
        assessment: { assessment_name: 'renamed', feedback: { value: 'good' } },
        update_mask: 'assessmentName,feedback',
      }),
    ).toMatchObject({ assessmentName: 'renamed', feedback: { value: 'good' }, rationale: 'r' })
    // Protobuf refuses '_' in JSON mask paths: MLflow then updates nothing.
    expect(
      await update({ assessment: { assessment_name: 'ignored' }, update_mask: 'assessment_name' }),
    ).toMatchObject({ assessmentName: 'renamed' })
    // Unknown paths are ignored; the message form { paths } is read too.
    expect(
      await update({
        assessment: { rationale: 'new' },
        update_mask: { paths: ['rationale', 'bogus'] },
      }),
    ).toMatchObject({ rationale: 'new' })
    // A named field absent from the assessment takes its proto default.
    expect(await update({ assessment: {}, update_mask: 'rationale' })).toMatchObject({
      rationale: '',
    })
  })

  it('answers MLflow errors for bad requests', async () => {
    const assessmentId = await create({ assessment_name: 'q', feedback: { value: 1 } })
    const missing = async (response: Response, parameter: string) => {
      const body = await expectError(response, 400, 'INVALID_PARAMETER_VALUE')
      expect(body.message).toBe(
        `Missing value for required parameter '${parameter}'. See the API docs for more information about request parameters.`,
      )
    }
    await missing(await patch(assessmentId, { assessment: {} }), 'update_mask')
    await missing(await patch(assessmentId, { assessment: {}, update_mask: '' }), 'update_mask')
    await missing(await patch(assessmentId, { update_mask: 'rationale' }), 'assessment')
    await missing(
      await callEndpoint(server.app, createAssessment, { trace_id: TRACE_ID }),
      'assessment',
    )
    await expectError(
      await patch(assessmentId, { assessment: { valid: false }, update_mask: 'valid' }),
      400,
      'INVALID_PARAMETER_VALUE',
    )
    await expectError(
      await patch(assessmentId, {
        assessment: { expectation: { value: 1 } },
        update_mask: 'expectation',
      }),
      400,
      'INVALID_PARAMETER_VALUE',
    )
    await expectError(
      await patch('a-nope', { assessment: {}, update_mask: 'rationale' }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    )
    const unknownTrace = await callEndpoint(server.app, createAssessment, {
      trace_id: 'tr-nope',
      assessment: { feedback: { value: 1 } },
    })
    expect((await expectError(unknownTrace, 404, 'RESOURCE_DOES_NOT_EXIST')).message).toBe(
      "Trace with ID 'tr-nope' not found.",
    )
    const noKind = await callEndpoint(server.app, createAssessment, {
      trace_id: TRACE_ID,
      assessment: { assessment_name: 'x' },
    })
    expect((await expectError(noKind, 400, 'INVALID_PARAMETER_VALUE')).message).toBe(
      'Unknown assessment type: None',
    )
    const malformed = await server.app.request(`/api/3.0/mlflow/traces/${TRACE_ID}/assessments`, {
      method: 'POST',
      body: '{oops',
      headers: { 'content-type': 'application/json' },
    })
    await expectError(malformed, 400, 'INVALID_PARAMETER_VALUE')
  })

  it('drops fields that do not fit, as MLflow parsing does, instead of refusing them', async () => {
    const response = await callEndpoint(server.app, createAssessment, {
      trace_id: TRACE_ID,
      assessment: {
        assessment_name: 'x',
        feedback: { value: 1 },
        metadata: { k: 1 },
        valid: 'yes',
        create_time: 'garbage',
        source: { source_type: 'NOT_A_TYPE' },
      },
    })
    const { assessment } = await expectResponse(createAssessment, response)
    expect(assessment.metadata).toBeUndefined()
    expect(assessment.valid).toBe(true)
    expect(assessment.source).toEqual({ sourceType: 'SOURCE_TYPE_UNSPECIFIED' })
  })

  it('is served under /ajax-api too', async () => {
    const assessmentId = await create({ assessment_name: 'x', feedback: { value: true } })
    const response = await callEndpoint(
      server.app,
      getAssessment,
      { trace_id: TRACE_ID, assessment_id: assessmentId },
      { ajax: true },
    )
    expect((await expectResponse(getAssessment, response)).assessment.feedback).toEqual({
      value: true,
    })
  })
})
