import { z } from 'zod'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { emptyResponseSchema, requiredString } from '../request-fields.ts'

/**
 * `POST /api/2.0/mlflow/runs/restore`: restores a deleted run (clears `deleted_time`).
 *
 * @example
 * restoreRun.request.parse({ run_id: '5f0c2a9e0d4b4e0fa1c3b7d2e9f81234' })
 */
export const restoreRun = defineEndpoint({
  rpc: 'RestoreRun',
  method: 'POST',
  path: '/api/2.0/mlflow/runs/restore',
  request: z.object({ runId: requiredString() }),
  response: emptyResponseSchema,
})

/** The request of `restoreRun`, camelCase. */
export type RestoreRunRequest = EndpointRequest<typeof restoreRun>
/** The response of `restoreRun`, camelCase. */
export type RestoreRunResponse = EndpointResponse<typeof restoreRun>
