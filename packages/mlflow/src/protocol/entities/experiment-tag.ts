import { z } from 'zod'

/**
 * A tag on an experiment (key ≤ 250 chars, value ≤ 5000 chars).
 *
 * @example
 * experimentTagSchema.parse({ key: 'mlflow.note.content', value: 'Notes' })
 */
export const experimentTagSchema = z.object({ key: z.string(), value: z.string().default('') })

/** A `{ key, value }` pair; an absent value reads as the empty string, as in proto2. */
export type ExperimentTag = z.infer<typeof experimentTagSchema>
