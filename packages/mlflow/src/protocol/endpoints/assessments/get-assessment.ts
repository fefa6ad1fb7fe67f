import { z } from 'zod'
import { assessmentSchema } from '../../entities/assessments/assessment.ts'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { requiredString } from '../request-fields.ts'

/**
 * `GET /api/3.0/mlflow/traces/{trace_id}/assessments/{assessment_id}` (GetAssessmentRequest):
 * one assessment; an unknown trace or assessment is `RESOURCE_DOES_NOT_EXIST`.
 *
 * @example
 * fillPath(getAssessment.path, { trace_id: 'tr-0123…', assessment_id: 'a-0123…' })
 */
export const getAssessment = defineEndpoint({
  rpc: 'GetAssessmentRequest',
  method: 'GET',
  path: '/api/3.0/mlflow/traces/{trace_id}/assessments/{assessment_id}',
  request: z.object({ traceId: requiredString(), assessmentId: requiredString() }),
  response: z.object({ assessment: assessmentSchema }),
})

/** The request of `getAssessment`, camelCase. */
export type GetAssessmentRequest = EndpointRequest<typeof getAssessment>
/** The response of `getAssessment`, camelCase. */
export type GetAssessmentResponse = EndpointResponse<typeof getAssessment>
