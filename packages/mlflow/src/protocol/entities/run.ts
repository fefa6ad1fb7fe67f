import { z } from 'zod'
import { runDataSchema } from './run-data.ts'
import { runInfoSchema } from './run-info.ts'
import { runInputsSchema } from './run-inputs.ts'
import { runOutputsSchema } from './run-outputs.ts'

/**
 * A run as `runs/get` and `runs/search` return it: info, logged data, inputs and outputs.
 * Absent parts read as empty.
 *
 * @example
 * const run = runSchema.parse({
 *   info: {
 *     runId: 'a1',
 *     experimentId: '1',
 *     status: 'FINISHED',
 *     startTime: 1,
 *     endTime: 2,
 *     artifactUri: 'mlflow-artifacts:/1/a1/artifacts',
 *     lifecycleStage: 'active',
 *   },
 * })
 * run.data.metrics // []
 */
export const runSchema = z.object({
  info: runInfoSchema,
  data: runDataSchema.prefault({}),
  inputs: runInputsSchema.prefault({}),
  outputs: runOutputsSchema.prefault({}),
})

/** A run, camelCase. */
export type Run = z.infer<typeof runSchema>
