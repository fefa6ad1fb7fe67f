import { z } from 'zod'
import { doubleSchema, wideInt64Schema } from '../../entities/proto-types.ts'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { emptyResponseSchema, requiredString, withRunUuidAlias } from '../request-fields.ts'

/**
 * `POST /api/2.0/mlflow/runs/log-metric`: logs one metric point to an active run. `value` may
 * be `"NaN"`/`"Infinity"`/`"-Infinity"`; an exact duplicate point is ignored. With `modelId`
 * the point is also recorded against that logged model (MLflow 3).
 *
 * @example
 * logMetric.request.parse({
 *   run_id: 'a1', run_uuid: 'a1', key: 'score', value: 0.82, timestamp: 1718460461282, step: 3,
 * })
 */
export const logMetric = defineEndpoint({
  rpc: 'LogMetric',
  method: 'POST',
  path: '/api/2.0/mlflow/runs/log-metric',
  request: withRunUuidAlias(
    z.object({
      runId: requiredString(),
      key: requiredString(),
      value: doubleSchema,
      timestamp: wideInt64Schema,
      step: wideInt64Schema.default(0),
      modelId: z.string().optional(),
      datasetName: z.string().optional(),
      datasetDigest: z.string().optional(),
    }),
  ),
  response: emptyResponseSchema,
})

/** The request of `logMetric`, camelCase. */
export type LogMetricRequest = EndpointRequest<typeof logMetric>
/** The response of `logMetric`, camelCase. */
export type LogMetricResponse = EndpointResponse<typeof logMetric>
