import { z } from 'zod'
import { metricSchema } from '../../entities/metric.ts'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { mlflowMessage, requiredString, withRunUuidAlias } from '../request-fields.ts'

/**
 * `GET /api/2.0/mlflow/metrics/get-history?run_id=…&metric_key=…`: every point of one metric of
 * a run, ordered by `(timestamp, step, value)`. Without `maxResults` all points come in one
 * page; the Python client sends 25000 and follows `nextPageToken`. An unknown run or key gives
 * an empty list.
 *
 * @example
 * getMetricHistory.request.parse({ run_id: 'a1', metric_key: 'score', max_results: '25000' })
 * // { runId: 'a1', metricKey: 'score', maxResults: 25000 }
 */
export const getMetricHistory = defineEndpoint({
  rpc: 'GetMetricHistory',
  method: 'GET',
  path: '/api/2.0/mlflow/metrics/get-history',
  request: withRunUuidAlias(
    z.object({
      runId: requiredString(),
      metricKey: requiredString(),
      pageToken: z.string().optional(),
      maxResults: z
        .int()
        .refine((value) => value > 0, {
          error: (issue) =>
            `Invalid value ${String(issue.input)} for parameter 'max_results' supplied. ` +
            'It must be a positive integer.',
          params: mlflowMessage('verbatim'),
        })
        .optional(),
    }),
  ),
  response: z.object({
    metrics: z.array(metricSchema).default([]),
    nextPageToken: z.string().optional(),
  }),
})

/** The request of `getMetricHistory`, camelCase. */
export type GetMetricHistoryRequest = EndpointRequest<typeof getMetricHistory>
/** The response of `getMetricHistory`, camelCase. */
export type GetMetricHistoryResponse = EndpointResponse<typeof getMetricHistory>
