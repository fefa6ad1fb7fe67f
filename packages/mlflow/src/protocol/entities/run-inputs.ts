import { z } from 'zod'
import { datasetInputSchema } from './dataset-input.ts'

/**
 * A logged model a run consumed (MLflow 3).
 *
 * @example
 * modelInputSchema.parse({ modelId: 'm-0123456789abcdef0123456789abcdef' })
 */
export const modelInputSchema = z.object({ modelId: z.string() })

/** A model input of a run, camelCase. */
export type ModelInput = z.infer<typeof modelInputSchema>

/**
 * What a run read: dataset inputs and (MLflow 3) model inputs.
 *
 * @example
 * runInputsSchema.parse({}) // { datasetInputs: [], modelInputs: [] }
 */
export const runInputsSchema = z.object({
  datasetInputs: z.array(datasetInputSchema).default([]),
  modelInputs: z.array(modelInputSchema).default([]),
})

/** The inputs of a run, camelCase. */
export type RunInputs = z.infer<typeof runInputsSchema>
