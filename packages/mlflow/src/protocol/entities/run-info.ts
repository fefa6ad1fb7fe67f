import { z } from 'zod'
import { lifecycleStageSchema } from './lifecycle-stage.ts'
import { int64Schema, protoTypes } from './proto-types.ts'
import { runStatusSchema } from './run-status.ts'

/**
 * The metadata of a run. `runId` is 32 lowercase hex characters in the reference store; on the
 * wire it is also written as the deprecated `run_uuid`. `endTime` is absent while the run has
 * not ended; `runName` only on very old runs. `userId` is deprecated (the `mlflow.user` tag
 * replaces it) but still stored.
 *
 * @example
 * runInfoSchema.parse({
 *   runId: '5f0c2a9e0d4b4e0fa1c3b7d2e9f81234',
 *   runName: 'clever-cat-42',
 *   experimentId: '1',
 *   status: 'RUNNING',
 *   startTime: 1718460461282,
 *   artifactUri: 'mlflow-artifacts:/1/5f0c2a9e0d4b4e0fa1c3b7d2e9f81234/artifacts',
 *   lifecycleStage: 'active',
 * })
 */
export const runInfoSchema = z.object({
  runId: z.string(),
  runName: z.string().optional(),
  experimentId: z.string(),
  userId: z.string().optional(),
  status: runStatusSchema,
  startTime: int64Schema,
  endTime: int64Schema.optional(),
  artifactUri: z.string(),
  lifecycleStage: lifecycleStageSchema,
})
protoTypes.add(runInfoSchema, { type: 'message', aliases: { runId: 'run_uuid' } })

/** The metadata of a run, camelCase. */
export type RunInfo = z.infer<typeof runInfoSchema>
