import { z } from 'zod'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { emptyResponseSchema, requiredString } from '../request-fields.ts'

/**
 * `DELETE /api/3.0/mlflow/traces/{trace_id}/assessments/{assessment_id}` (DeleteAssessment):
 * deletes an assessment (an unknown one is not an error) and makes the assessment it overrode
 * valid again.
 *
 * @example
 * fillPath(deleteAssessment.path, { trace_id: 'tr-0123…', assessment_id: 'a-0123…' })
 */
export const deleteAssessment = defineEndpoint({
  rpc: 'DeleteAssessment',
  method: 'DELETE',
  path: '/api/3.0/mlflow/traces/{trace_id}/assessments/{assessment_id}',
  request: z.object({ traceId: requiredString(), assessmentId: requiredString() }),
  response: emptyResponseSchema,
})

/** The request of `deleteAssessment`, camelCase. */
export type DeleteAssessmentRequest = EndpointRequest<typeof deleteAssessment>
/** The (empty) response of `deleteAssessment`. */
export type DeleteAssessmentResponse = EndpointResponse<typeof deleteAssessment>
