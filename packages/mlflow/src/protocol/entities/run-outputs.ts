import { z } from 'zod'
import { int64Schema } from './proto-types.ts'

/**
 * A logged model a run produced, at a step (MLflow 3, `runs/outputs`).
 *
 * @example
 * modelOutputSchema.parse({ modelId: 'm-0123456789abcdef0123456789abcdef', step: 0 })
 */
export const modelOutputSchema = z.object({ modelId: z.string(), step: int64Schema.default(0) })

/** A model output of a run, camelCase. */
export type ModelOutput = z.infer<typeof modelOutputSchema>

/**
 * What a run produced (MLflow 3): its logged models.
 *
 * @example
 * runOutputsSchema.parse({}) // { modelOutputs: [] }
 */
export const runOutputsSchema = z.object({
  modelOutputs: z.array(modelOutputSchema).default([]),
})

/** The outputs of a run, camelCase. */
export type RunOutputs = z.infer<typeof runOutputsSchema>
