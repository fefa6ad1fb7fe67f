import { z } from 'zod'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { emptyResponseSchema, requiredString, withRunUuidAlias } from '../request-fields.ts'

/**
 * `POST /api/2.0/mlflow/runs/set-tag`: sets (upserts) a tag of an active run; setting
 * `mlflow.runName` also renames the run. An absent `value` is empty.
 *
 * @example
 * setTag.request.parse({ run_id: 'a1', run_uuid: 'a1', key: 'mlflow.runName', value: 'x' })
 */
export const setTag = defineEndpoint({
  rpc: 'SetTag',
  method: 'POST',
  path: '/api/2.0/mlflow/runs/set-tag',
  request: withRunUuidAlias(
    z.object({ runId: requiredString(), key: requiredString(), value: z.string().default('') }),
  ),
  response: emptyResponseSchema,
})

/** The request of `setTag`, camelCase. */
export type SetTagRequest = EndpointRequest<typeof setTag>
/** The response of `setTag`, camelCase. */
export type SetTagResponse = EndpointResponse<typeof setTag>
