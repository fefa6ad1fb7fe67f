import { z } from 'zod'
import { doubleSchema, wideInt64Schema } from './proto-types.ts'

/**
 * One metric point. `value` may be NaN or ±Infinity; `timestamp` is epoch milliseconds; `step`
 * defaults to 0. The dataset and model fields link the point to a dataset or logged model
 * (MLflow 3); `runId` is set when points of several runs are returned together.
 *
 * @example
 * metricSchema.parse({ key: 'accuracy', value: 0.82, timestamp: 1718460461282 }).step // 0
 */
export const metricSchema = z.object({
  key: z.string(),
  value: doubleSchema,
  timestamp: wideInt64Schema,
  step: wideInt64Schema.default(0),
  datasetName: z.string().optional(),
  datasetDigest: z.string().optional(),
  modelId: z.string().optional(),
  runId: z.string().optional(),
})

/** A metric point, camelCase. */
export type Metric = z.infer<typeof metricSchema>

/**
 * A metric point that names its run, as `metrics/get-history-bulk-interval` returns them.
 *
 * @example
 * metricWithRunIdSchema.parse({ key: 'loss', value: 1.5, timestamp: 1, step: 3, runId: 'a1' })
 */
export const metricWithRunIdSchema = z.object({
  key: z.string(),
  value: doubleSchema,
  timestamp: wideInt64Schema,
  step: wideInt64Schema.default(0),
  runId: z.string(),
})

/** A metric point with its run id, camelCase. */
export type MetricWithRunId = z.infer<typeof metricWithRunIdSchema>
