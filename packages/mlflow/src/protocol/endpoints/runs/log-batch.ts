import { z } from 'zod'
import { metricSchema } from '../../entities/metric.ts'
import { paramSchema } from '../../entities/param.ts'
import { runTagSchema } from '../../entities/run-tag.ts'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { emptyResponseSchema, mlflowMessage, requiredString } from '../request-fields.ts'

/** How many entities one `log-batch` request may carry (MLflow's limits). */
export const LOG_BATCH_LIMITS = { metrics: 1000, params: 100, tags: 100, total: 1000 } as const

function batchLimitMessage(entityName: string, limit: number, length: number): string {
  return (
    `A batch logging request can contain at most ${limit} ${entityName}. ` +
    `Got ${length} ${entityName}. Please split up ${entityName} across multiple requests and ` +
    'try again.'
  )
}

/**
 * `POST /api/2.0/mlflow/runs/log-batch`: logs metrics, params and tags to an active run in one
 * request, at most {@link LOG_BATCH_LIMITS} entities. Each metric needs `key`, `value` and
 * `timestamp`, each param and tag a `key` (MLflow names them `metrics[0].timestamp`...). The
 * server applies params, then metrics, then tags, after validating the whole request.
 *
 * @example
 * logBatch.request.parse({
 *   run_id: 'a1',
 *   metrics: [{ key: 'score', value: 'NaN', timestamp: 1718460461282, step: 0 }],
 *   params: [{ key: 'lr', value: '0.01' }],
 *   tags: [{ key: 'mlflow.user', value: 'ada' }],
 * })
 */
export const logBatch = defineEndpoint({
  rpc: 'LogBatch',
  method: 'POST',
  path: '/api/2.0/mlflow/runs/log-batch',
  request: z
    .object({
      runId: requiredString(),
      metrics: z.array(metricSchema).default([]),
      params: z.array(paramSchema).default([]),
      tags: z.array(runTagSchema).default([]),
    })
    .check((context) => {
      const { metrics, params, tags } = context.value
      const counts = [
        ['metrics', LOG_BATCH_LIMITS.metrics, metrics.length],
        ['params', LOG_BATCH_LIMITS.params, params.length],
        ['tags', LOG_BATCH_LIMITS.tags, tags.length],
        [
          'metrics, params, and tags',
          LOG_BATCH_LIMITS.total,
          metrics.length + params.length + tags.length,
        ],
      ] as const
      for (const [entityName, limit, length] of counts) {
        if (length <= limit) continue
        context.issues.push({
          code: 'custom',
          input: context.value,
          message: batchLimitMessage(entityName, limit, length),
          params: mlflowMessage('verbatim'),
        })
        return
      }
    }),
  response: emptyResponseSchema,
})

/** The request of `logBatch`, camelCase. */
export type LogBatchRequest = EndpointRequest<typeof logBatch>
/** The response of `logBatch`, camelCase. */
export type LogBatchResponse = EndpointResponse<typeof logBatch>
