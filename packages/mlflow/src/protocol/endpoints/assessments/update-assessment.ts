import { z } from 'zod'
import { assessmentSchema } from '../../entities/assessments/assessment.ts'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { mlflowMessage, requiredString } from '../request-fields.ts'

const updateMaskSchema = z.unknown().superRefine((value, context) => {
  if (value === undefined || value === null || value === '') {
    context.addIssue({
      code: 'custom',
      message: "Missing value for required parameter 'update_mask'.",
      params: mlflowMessage('schema'),
    })
  }
})

/**
 * `PATCH /api/3.0/mlflow/traces/{trace_id}/assessments/{assessment_id}` (UpdateAssessment):
 * updates the fields `update_mask` names (read it with `updateMaskPaths`): `assessment_name`,
 * `feedback`, `expectation`, `rationale`, `metadata` (merged). Unknown paths are ignored.
 *
 * @example
 * updateAssessment.request.parse({
 *   trace_id: 'tr-0123…', assessment_id: 'a-0123…',
 *   assessment: { feedback: { value: false } }, update_mask: 'feedback',
 * })
 */
export const updateAssessment = defineEndpoint({
  rpc: 'UpdateAssessment',
  method: 'PATCH',
  path: '/api/3.0/mlflow/traces/{trace_id}/assessments/{assessment_id}',
  request: z.object({
    traceId: requiredString(),
    assessmentId: requiredString(),
    assessment: assessmentSchema,
    updateMask: updateMaskSchema,
  }),
  response: z.object({ assessment: assessmentSchema }),
})

/** The request of `updateAssessment`, camelCase. */
export type UpdateAssessmentRequest = EndpointRequest<typeof updateAssessment>
/** The response of `updateAssessment`, camelCase. */
export type UpdateAssessmentResponse = EndpointResponse<typeof updateAssessment>
