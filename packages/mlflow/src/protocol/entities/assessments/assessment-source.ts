/**
 * @module assessment-source
 * Who made an assessment: a human, an LLM judge or code (spec §3.9.3).
 */
import { z } from 'zod'
import { protoTypes } from '../proto-types.ts'

/** The proto numbers of {@link AssessmentSourceType}; requests may send the name or the number. */
export const ASSESSMENT_SOURCE_TYPE_NUMBERS = {
  SOURCE_TYPE_UNSPECIFIED: 0,
  HUMAN: 1,
  LLM_JUDGE: 2,
  CODE: 3,
} as const

/**
 * The kind of source of an assessment. An unknown name reads as absent (MLflow then stores
 * `SOURCE_TYPE_UNSPECIFIED`).
 *
 * @example
 * assessmentSourceTypeSchema.parse('LLM_JUDGE') // 'LLM_JUDGE'
 */
export const assessmentSourceTypeSchema = z.enum([
  'SOURCE_TYPE_UNSPECIFIED',
  'HUMAN',
  'LLM_JUDGE',
  'CODE',
])
protoTypes.add(assessmentSourceTypeSchema, {
  type: 'enum',
  numbers: ASSESSMENT_SOURCE_TYPE_NUMBERS,
})

/** `'SOURCE_TYPE_UNSPECIFIED'`, `'HUMAN'`, `'LLM_JUDGE'` or `'CODE'`. */
export type AssessmentSourceType = z.infer<typeof assessmentSourceTypeSchema>

/**
 * The source of an assessment: its type and an id (a user, a judge model, a script).
 *
 * @example
 * assessmentSourceSchema.parse({ sourceType: 'HUMAN', sourceId: 'alice@example.com' })
 */
export const assessmentSourceSchema = z.object({
  sourceType: assessmentSourceTypeSchema.optional(),
  sourceId: z.string().optional(),
})

/** An assessment source, camelCase. */
export type AssessmentSource = z.infer<typeof assessmentSourceSchema>
