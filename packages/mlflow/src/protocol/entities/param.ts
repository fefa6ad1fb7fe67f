import { z } from 'zod'

/**
 * A run parameter, immutable once logged (key ≤ 250 chars, value ≤ 6000 chars).
 *
 * @example
 * paramSchema.parse({ key: 'lr', value: '0.01' })
 */
export const paramSchema = z.object({ key: z.string(), value: z.string().default('') })

/** A `{ key, value }` pair; an absent value reads as the empty string, as in proto2. */
export type Param = z.infer<typeof paramSchema>
