import { z } from 'zod'

/**
 * A tag on a dataset input of a run (key ≤ 255 chars, value ≤ 500 chars), conventionally `mlflow.data.context`.
 *
 * @example
 * inputTagSchema.parse({ key: 'mlflow.data.context', value: 'training' })
 */
export const inputTagSchema = z.object({ key: z.string(), value: z.string().default('') })

/** A `{ key, value }` pair; an absent value reads as the empty string, as in proto2. */
export type InputTag = z.infer<typeof inputTagSchema>
