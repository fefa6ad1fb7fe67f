import { z } from 'zod'

/**
 * A tag on a registered model (key ≤ 250 chars, value ≤ 100000 chars).
 *
 * @example
 * registeredModelTagSchema.parse({ key: 'team', value: 'nlp' })
 */
export const registeredModelTagSchema = z.object({
  key: z.string(),
  value: z.string().default(''),
})

/** A `{ key, value }` pair on a registered model; an absent value reads as `''`. */
export type RegisteredModelTag = z.infer<typeof registeredModelTagSchema>

/**
 * A tag on a model version (key ≤ 250 chars, value ≤ 100000 chars).
 *
 * @example
 * modelVersionTagSchema.parse({ key: 'validated', value: 'yes' })
 */
export const modelVersionTagSchema = z.object({
  key: z.string(),
  value: z.string().default(''),
})

/** A `{ key, value }` pair on a model version; an absent value reads as `''`. */
export type ModelVersionTag = z.infer<typeof modelVersionTagSchema>
