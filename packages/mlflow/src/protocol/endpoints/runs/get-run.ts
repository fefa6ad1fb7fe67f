import { z } from 'zod'
import { runSchema } from '../../entities/run.ts'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { requiredString, withRunUuidAlias } from '../request-fields.ts'

/**
 * `GET /api/2.0/mlflow/runs/get?run_id=…` (or the deprecated `run_uuid`): a run with its latest
 * metrics, params, tags, inputs and outputs; deleted runs included. Unknown ids are
 * `RESOURCE_DOES_NOT_EXIST` ("Run with id=X not found").
 *
 * @example
 * getRun.request.parse({ run_uuid: '5f0c2a9e0d4b4e0fa1c3b7d2e9f81234' })
 * // { runId: '5f0c2a9e0d4b4e0fa1c3b7d2e9f81234' }
 */
export const getRun = defineEndpoint({
  rpc: 'GetRun',
  method: 'GET',
  path: '/api/2.0/mlflow/runs/get',
  request: withRunUuidAlias(z.object({ runId: requiredString() })),
  response: z.object({ run: runSchema }),
})

/** The request of `getRun`, camelCase. */
export type GetRunRequest = EndpointRequest<typeof getRun>
/** The response of `getRun`, camelCase. */
export type GetRunResponse = EndpointResponse<typeof getRun>
