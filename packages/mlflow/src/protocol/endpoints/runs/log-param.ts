import { z } from 'zod'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { emptyResponseSchema, requiredString, withRunUuidAlias } from '../request-fields.ts'

/**
 * `POST /api/2.0/mlflow/runs/log-parameter`: logs a param. Params are immutable: the same value
 * again is a no-op, a different one `INVALID_PARAMETER_VALUE`. An absent `value` is empty.
 *
 * @example
 * logParam.request.parse({ run_id: 'a1', run_uuid: 'a1', key: 'lr', value: '0.01' })
 */
export const logParam = defineEndpoint({
  rpc: 'LogParam',
  method: 'POST',
  path: '/api/2.0/mlflow/runs/log-parameter',
  request: withRunUuidAlias(
    z.object({ runId: requiredString(), key: requiredString(), value: z.string().default('') }),
  ),
  response: emptyResponseSchema,
})

/** The request of `logParam`, camelCase. */
export type LogParamRequest = EndpointRequest<typeof logParam>
/** The response of `logParam`, camelCase. */
export type LogParamResponse = EndpointResponse<typeof logParam>
