import { z } from 'zod'

/**
 * A tag on a run (key ≤ 250 chars, value ≤ 8000 chars). System tags start with `mlflow.`.
 *
 * @example
 * runTagSchema.parse({ key: 'mlflow.runName', value: 'clever-cat-42' })
 */
export const runTagSchema = z.object({ key: z.string(), value: z.string().default('') })

/** A `{ key, value }` pair; an absent value reads as the empty string, as in proto2. */
export type RunTag = z.infer<typeof runTagSchema>
