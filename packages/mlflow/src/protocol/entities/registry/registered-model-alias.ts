import { z } from 'zod'

/**
 * An alias of a registered model and the version it points to (a version number as a string).
 *
 * @example
 * registeredModelAliasSchema.parse({ alias: 'champion', version: '3' })
 */
export const registeredModelAliasSchema = z.object({
  alias: z.string(),
  version: z.string(),
})

/** `{ alias, version }`, camelCase. */
export type RegisteredModelAlias = z.infer<typeof registeredModelAliasSchema>
