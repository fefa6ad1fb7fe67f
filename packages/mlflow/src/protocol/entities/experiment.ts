import { z } from 'zod'
import { experimentTagSchema } from './experiment-tag.ts'
import { lifecycleStageSchema } from './lifecycle-stage.ts'
import { int64Schema } from './proto-types.ts'

/**
 * An experiment: a named group of runs with its own artifact location. Ids are opaque strings
 * (decimal integers in the SQL stores, `"0"` is the Default experiment). Times are epoch
 * milliseconds; MLflow leaves them unset on very old experiments.
 *
 * @example
 * experimentSchema.parse({
 *   experimentId: '1',
 *   name: 'DSPy-Optimization',
 *   artifactLocation: 'mlflow-artifacts:/1',
 *   lifecycleStage: 'active',
 *   creationTime: 1718460461282,
 *   lastUpdateTime: 1718460461282,
 * }).tags // []
 */
export const experimentSchema = z.object({
  experimentId: z.string(),
  name: z.string(),
  artifactLocation: z.string(),
  lifecycleStage: lifecycleStageSchema,
  lastUpdateTime: int64Schema.optional(),
  creationTime: int64Schema.optional(),
  tags: z.array(experimentTagSchema).default([]),
  /** The experiment's workspace; recent MLflow servers send it (`default` without workspaces). */
  workspace: z.string().optional(),
})

/** An MLflow experiment, camelCase. */
export type Experiment = z.infer<typeof experimentSchema>
