/**
 * @module assessments entities
 * Assessments on traces (feedback, expectations, issue references) as zod schemas (camelCase)
 * and their TypeScript types.
 */
export {
  type Assessment,
  type AssessmentError,
  assessmentErrorSchema,
  assessmentSchema,
  type Expectation,
  expectationSchema,
  type Feedback,
  feedbackSchema,
  type IssueReference,
  issueReferenceSchema,
} from './assessment.ts'
export {
  ASSESSMENT_SOURCE_TYPE_NUMBERS,
  type AssessmentSource,
  type AssessmentSourceType,
  assessmentSourceSchema,
  assessmentSourceTypeSchema,
} from './assessment-source.ts'
