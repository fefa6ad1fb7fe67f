import { z } from 'zod'
import { int64Schema } from '../proto-types.ts'
import { modelVersionStatusSchema } from './model-version-status.ts'
import { modelVersionTagSchema } from './registry-tags.ts'

/**
 * One version of a registered model. `version` is a decimal integer as a string (`"1"`, `"2"`,
 * ...), never reused. `currentStage` is one of `None`, `Staging`, `Production`, `Archived`.
 * `aliases` lists the model's aliases pointing to this version (filled by single-version reads,
 * left empty in searches and in a registered model's `latestVersions`, as in MLflow).
 * Fields MLflow leaves unset are absent; `description` and `runLink` may be `''`.
 *
 * @example
 * modelVersionSchema.parse({
 *   name: 'qa-program',
 *   version: '1',
 *   creationTimestamp: 1718460461282,
 *   lastUpdatedTimestamp: 1718460461282,
 *   currentStage: 'None',
 *   source: 'mlflow-artifacts:/1/5f0c2a9e0d4b4e0fa1c3b7d2e9f81234/artifacts/model',
 *   runId: '5f0c2a9e0d4b4e0fa1c3b7d2e9f81234',
 *   status: 'READY',
 * }).aliases // []
 */
export const modelVersionSchema = z.object({
  name: z.string(),
  version: z.string(),
  creationTimestamp: int64Schema.optional(),
  lastUpdatedTimestamp: int64Schema.optional(),
  userId: z.string().optional(),
  currentStage: z.string().optional(),
  description: z.string().optional(),
  source: z.string().optional(),
  runId: z.string().optional(),
  status: modelVersionStatusSchema.optional(),
  statusMessage: z.string().optional(),
  tags: z.array(modelVersionTagSchema).default([]),
  runLink: z.string().optional(),
  aliases: z.array(z.string()).default([]),
  /** The MLflow 3 logged model the version was registered from, when known. */
  modelId: z.string().optional(),
})

/** A model version, camelCase. */
export type ModelVersion = z.infer<typeof modelVersionSchema>
