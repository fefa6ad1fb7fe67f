import { z } from 'zod'
import { metricSchema } from './metric.ts'
import { paramSchema } from './param.ts'
import { runTagSchema } from './run-tag.ts'

/**
 * What was logged to a run: the **latest** point of each metric (largest `(step, timestamp,
 * value)`), all params and all tags.
 *
 * @example
 * runDataSchema.parse({ params: [{ key: 'lr', value: '0.01' }] }).metrics // []
 */
export const runDataSchema = z.object({
  metrics: z.array(metricSchema).default([]),
  params: z.array(paramSchema).default([]),
  tags: z.array(runTagSchema).default([]),
})

/** The logged data of a run, camelCase. */
export type RunData = z.infer<typeof runDataSchema>
