import { z } from 'zod'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { emptyResponseSchema, requiredString } from '../request-fields.ts'

/**
 * `POST /api/2.0/mlflow/runs/delete`: soft-deletes a run (sets `deleted_time`).
 *
 * @example
 * deleteRun.request.parse({ run_id: '5f0c2a9e0d4b4e0fa1c3b7d2e9f81234' })
 */
export const deleteRun = defineEndpoint({
  rpc: 'DeleteRun',
  method: 'POST',
  path: '/api/2.0/mlflow/runs/delete',
  request: z.object({ runId: requiredString() }),
  response: emptyResponseSchema,
})

/** The request of `deleteRun`, camelCase. */
export type DeleteRunRequest = EndpointRequest<typeof deleteRun>
/** The response of `deleteRun`, camelCase. */
export type DeleteRunResponse = EndpointResponse<typeof deleteRun>
