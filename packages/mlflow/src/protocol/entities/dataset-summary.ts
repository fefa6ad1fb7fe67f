import { z } from 'zod'

/**
 * A dataset used in an experiment, as the UI's dataset search lists it: `context` is the
 * value of the input tag `mlflow.data.context`.
 *
 * @example
 * datasetSummarySchema.parse({
 *   experimentId: '1', name: 'train', digest: '1a2b3c4d', context: 'training',
 * })
 */
export const datasetSummarySchema = z.object({
  experimentId: z.string(),
  name: z.string(),
  digest: z.string(),
  context: z.string().optional(),
})

/** A dataset summary, camelCase. */
export type DatasetSummary = z.infer<typeof datasetSummarySchema>
