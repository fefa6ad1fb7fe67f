import { z } from 'zod'
import { assessmentSchema } from '../../entities/assessments/assessment.ts'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { requiredString } from '../request-fields.ts'

/**
 * `POST /api/3.0/mlflow/traces/{trace_id}/assessments` (CreateAssessment): logs feedback, an
 * expectation or an issue reference on a trace (the path's trace id wins over the body's). The
 * server assigns the id and missing times; `overrides` marks the named assessment invalid.
 * An unknown trace or overridden assessment is `RESOURCE_DOES_NOT_EXIST`.
 *
 * @example
 * createAssessment.request.parse({
 *   trace_id: 'tr-0123456789abcdef0123456789abcdef',
 *   assessment: { assessment_name: 'correct', feedback: { value: true } },
 * })
 */
export const createAssessment = defineEndpoint({
  rpc: 'CreateAssessment',
  method: 'POST',
  path: '/api/3.0/mlflow/traces/{trace_id}/assessments',
  request: z.object({ traceId: requiredString(), assessment: assessmentSchema }),
  response: z.object({ assessment: assessmentSchema }),
})

/** The request of `createAssessment`, camelCase. */
export type CreateAssessmentRequest = EndpointRequest<typeof createAssessment>
/** The response of `createAssessment`, camelCase. */
export type CreateAssessmentResponse = EndpointResponse<typeof createAssessment>
