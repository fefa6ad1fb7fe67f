import { z } from 'zod'
import { metricWithRunIdSchema } from '../../entities/metric.ts'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { mlflowMessage, requiredString } from '../request-fields.ts'

/** Limits of `get-history-bulk-interval`: run ids per request and sampled steps. */
export const METRIC_HISTORY_BULK_INTERVAL_LIMITS = { runIds: 100, maxResults: 2500 } as const

const { runIds: maxRunIds, maxResults: maxSteps } = METRIC_HISTORY_BULK_INTERVAL_LIMITS

/**
 * `GET /api/2.0/mlflow/metrics/get-history-bulk-interval?run_ids=…&run_ids=…&metric_key=…`:
 * points of one metric across up to 100 runs, sampled to at most `maxResults` (1..2500,
 * default 2500) distinct steps in `[startStep, endStep]` (both or neither), keeping each run's
 * first and last step. The UI's charts use it.
 *
 * @example
 * getMetricHistoryBulkInterval.request.parse({
 *   run_ids: ['a1', 'b2'], metric_key: 'score', start_step: '0', end_step: '100',
 * })
 */
export const getMetricHistoryBulkInterval = defineEndpoint({
  rpc: 'GetMetricHistoryBulkInterval',
  method: 'GET',
  path: '/api/2.0/mlflow/metrics/get-history-bulk-interval',
  request: z
    .object({
      runIds: z.array(z.string()).refine((ids) => ids.length <= maxRunIds, {
        error: (issue) =>
          `GetMetricHistoryBulkInterval request must specify at most ${maxRunIds} run_ids. ` +
          `Received ${(issue.input as unknown[]).length} run_ids.`,
        params: mlflowMessage('schema'),
      }),
      metricKey: requiredString(),
      startStep: z.int().optional(),
      endStep: z.int().optional(),
      maxResults: z
        .int()
        .refine((value) => value >= 1 && value <= maxSteps, {
          message: `max_results must be between 1 and ${maxSteps}.`,
          params: mlflowMessage('schema'),
        })
        .default(maxSteps),
    })
    .check((context) => {
      const { startStep, endStep } = context.value
      const message =
        (startStep === undefined) !== (endStep === undefined)
          ? 'If either start step or end step are specified, both must be specified.'
          : startStep !== undefined && endStep !== undefined && startStep > endStep
            ? 'end_step must be greater than start_step. ' +
              `Found start_step=${startStep} and end_step=${endStep}.`
            : undefined
      if (message === undefined) return
      context.issues.push({
        code: 'custom',
        input: context.value,
        message,
        params: mlflowMessage('verbatim'),
      })
    }),
  response: z.object({ metrics: z.array(metricWithRunIdSchema).default([]) }),
})

/** The request of `getMetricHistoryBulkInterval`, camelCase. */
export type GetMetricHistoryBulkIntervalRequest = EndpointRequest<
  typeof getMetricHistoryBulkInterval
>
/** The response of `getMetricHistoryBulkInterval`, camelCase. */
export type GetMetricHistoryBulkIntervalResponse = EndpointResponse<
  typeof getMetricHistoryBulkInterval
>
