/**
 * @module assessments
 * The routes of assessments on traces (spec §3.9.3): create, get, update with a field mask,
 * delete. The assessment store holds MLflow's rules and messages; the update route turns the
 * mask's paths into the fields to change, as MLflow's handler does (unknown paths ignored).
 */
import {
  type Assessment,
  createAssessment,
  deleteAssessment,
  getAssessment,
  MlflowError,
  updateAssessment,
  updateMaskPaths,
} from '@dspyflow/mlflow/protocol'
import type { UpdateAssessmentOptions } from '../../stores/assessments/assessment-store.ts'
import { defineJsonRoute, type EndpointRoute } from './endpoint-route.ts'
import { requireStore } from './require-store.ts'

/**
 * The routes of assessments on traces (spec §3.9.3), to mount with `mountEndpointRoutes`.
 *
 * @example
 * mountEndpointRoutes({ app, routes: assessmentRoutes, services })
 */
export const assessmentRoutes: readonly EndpointRoute[] = [
  defineJsonRoute(createAssessment, async ({ traceId, assessment }, services) => ({
    assessment: await requireStore(services.assessmentStore, 'assessment').createAssessment({
      traceId,
      assessment,
    }),
  })),
  defineJsonRoute(getAssessment, async ({ traceId, assessmentId }, services) => ({
    assessment: await requireStore(services.assessmentStore, 'assessment').getAssessment({
      traceId,
      assessmentId,
    }),
  })),
  defineJsonRoute(updateAssessment, async (request, services) => {
    const store = requireStore(services.assessmentStore, 'assessment')
    const update = maskedUpdate(request.assessment, updateMaskPaths(request.updateMask))
    return {
      assessment: await store.updateAssessment({
        traceId: request.traceId,
        assessmentId: request.assessmentId,
        ...update,
      }),
    }
  }),
  defineJsonRoute(deleteAssessment, async ({ traceId, assessmentId }, services) => {
    await requireStore(services.assessmentStore, 'assessment').deleteAssessment({
      traceId,
      assessmentId,
    })
    return {}
  }),
]

type MaskedUpdate = Omit<UpdateAssessmentOptions, 'traceId' | 'assessmentId'>

/**
 * The fields a mask names, read from the request's assessment with protobuf defaults (an
 * absent name or rationale is `''`, absent metadata `{}`), as MLflow's handler reads them.
 *
 * @throws MlflowError `INVALID_PARAMETER_VALUE` for `valid`: MLflow 3.17 fails on it with a 500;
 *   validity follows `overrides` instead.
 */
function maskedUpdate(assessment: Assessment, paths: readonly string[]): MaskedUpdate {
  const update: MaskedUpdate = {}
  for (const path of paths) {
    switch (path) {
      case 'assessment_name':
        update.name = assessment.assessmentName ?? ''
        break
      case 'expectation':
        update.expectation = assessment.expectation ?? {}
        break
      case 'feedback':
        update.feedback = assessment.feedback ?? {}
        break
      case 'rationale':
        update.rationale = assessment.rationale ?? ''
        break
      case 'metadata':
        update.metadata = assessment.metadata ?? {}
        break
      case 'valid':
        throw MlflowError.invalidParameterValue(
          "The 'valid' field of an assessment cannot be updated: log an assessment that " +
            'overrides it instead.',
        )
    }
  }
  return update
}
