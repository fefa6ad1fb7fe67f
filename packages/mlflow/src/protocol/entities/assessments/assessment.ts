/**
 * @module assessment
 * An assessment on a trace: feedback or an expectation (spec §3.9.3).
 */
import { z } from 'zod'

/** An assessment, camelCase (placeholder until the assessment fields are described). */
export const assessmentSchema = z.looseObject({ assessmentId: z.string().optional() })

/** An assessment. */
export type Assessment = z.infer<typeof assessmentSchema>
