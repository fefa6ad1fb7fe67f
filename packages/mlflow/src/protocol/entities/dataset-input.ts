import { z } from 'zod'
import { datasetSchema } from './dataset.ts'
import { inputTagSchema } from './input-tag.ts'

/**
 * A dataset linked to a run, with the link's tags (`mlflow.data.context` = `training`, `eval`…).
 *
 * @example
 * datasetInputSchema.parse({
 *   tags: [{ key: 'mlflow.data.context', value: 'training' }],
 *   dataset: { name: 'train', digest: '1a2b3c4d', sourceType: 'code', source: '{}' },
 * })
 */
export const datasetInputSchema = z.object({
  tags: z.array(inputTagSchema).default([]),
  dataset: datasetSchema,
})

/** A dataset input of a run, camelCase. */
export type DatasetInput = z.infer<typeof datasetInputSchema>
