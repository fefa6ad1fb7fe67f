/**
 * @module assessments endpoints
 * The assessment endpoints (spec §3.9.3): create, get, update (with a field mask), delete.
 */
export {
  type CreateAssessmentRequest,
  type CreateAssessmentResponse,
  createAssessment,
} from './create-assessment.ts'
export {
  type DeleteAssessmentRequest,
  type DeleteAssessmentResponse,
  deleteAssessment,
} from './delete-assessment.ts'
export {
  type GetAssessmentRequest,
  type GetAssessmentResponse,
  getAssessment,
} from './get-assessment.ts'
export {
  type UpdateAssessmentRequest,
  type UpdateAssessmentResponse,
  updateAssessment,
} from './update-assessment.ts'
export { updateMaskPaths } from './update-mask.ts'
