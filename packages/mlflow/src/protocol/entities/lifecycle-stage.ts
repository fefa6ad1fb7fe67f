import { z } from 'zod'

/**
 * Whether an experiment or run is live or soft-deleted. MLflow writes these in lower case.
 *
 * @example
 * lifecycleStageSchema.parse('deleted') // 'deleted'
 */
export const lifecycleStageSchema = z.enum(['active', 'deleted'])

/** `'active'` or `'deleted'`. */
export type LifecycleStage = z.infer<typeof lifecycleStageSchema>
