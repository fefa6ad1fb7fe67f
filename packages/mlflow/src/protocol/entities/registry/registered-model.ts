import { z } from 'zod'
import { int64Schema } from '../proto-types.ts'
import { modelVersionSchema } from './model-version.ts'
import { registeredModelAliasSchema } from './registered-model-alias.ts'
import { registeredModelTagSchema } from './registry-tags.ts'

/**
 * A registered model: a unique name with versions, tags and aliases. `latestVersions` holds
 * the newest version of each stage that has one. A registered model tagged
 * `mlflow.prompt.is_prompt = 'true'` is a prompt (hidden from default searches).
 *
 * @example
 * registeredModelSchema.parse({
 *   name: 'qa-program',
 *   creationTimestamp: 1718460461282,
 *   lastUpdatedTimestamp: 1718460461282,
 *   aliases: [{ alias: 'champion', version: '1' }],
 * }).tags // []
 */
export const registeredModelSchema = z.object({
  name: z.string(),
  creationTimestamp: int64Schema.optional(),
  lastUpdatedTimestamp: int64Schema.optional(),
  userId: z.string().optional(),
  description: z.string().optional(),
  latestVersions: z.array(modelVersionSchema).default([]),
  tags: z.array(registeredModelTagSchema).default([]),
  aliases: z.array(registeredModelAliasSchema).default([]),
  deploymentJobId: z.string().optional(),
})

/** A registered model, camelCase. */
export type RegisteredModel = z.infer<typeof registeredModelSchema>
