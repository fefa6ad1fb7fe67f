import { z } from 'zod'

/** The stages a model version can be in, in MLflow's canonical spelling. */
export const MODEL_VERSION_STAGES = ['None', 'Staging', 'Production', 'Archived'] as const

/**
 * A model version stage (deprecated in MLflow 2.9 in favour of aliases, still served).
 * Requests may spell stages in any case; responses use these canonical names.
 *
 * @example
 * modelVersionStageSchema.parse('Production') // 'Production'
 */
export const modelVersionStageSchema = z.enum(MODEL_VERSION_STAGES)

/** `'None'`, `'Staging'`, `'Production'` or `'Archived'`. */
export type ModelVersionStage = z.infer<typeof modelVersionStageSchema>
