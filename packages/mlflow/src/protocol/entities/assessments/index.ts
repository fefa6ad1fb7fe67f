/**
 * @module assessments entities
 * Assessments on traces as zod schemas (camelCase) and their TypeScript types.
 */
export { type Assessment, assessmentSchema } from './assessment.ts'
