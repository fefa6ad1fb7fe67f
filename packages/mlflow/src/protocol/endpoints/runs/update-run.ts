import { z } from 'zod'
import { int64Schema } from '../../entities/proto-types.ts'
import { runInfoSchema } from '../../entities/run-info.ts'
import { runStatusSchema } from '../../entities/run-status.ts'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { requiredString, withRunUuidAlias } from '../request-fields.ts'

/**
 * `POST /api/2.0/mlflow/runs/update`: changes the given fields of an active run (`status` by
 * name or proto number, `endTime`, `runName`, which also updates the `mlflow.runName` tag) and
 * returns its info.
 *
 * @example
 * updateRun.request.parse({ run_id: 'a1', status: 'FINISHED', end_time: 1718460469000 })
 */
export const updateRun = defineEndpoint({
  rpc: 'UpdateRun',
  method: 'POST',
  path: '/api/2.0/mlflow/runs/update',
  request: withRunUuidAlias(
    z.object({
      runId: requiredString(),
      endTime: int64Schema.optional(),
      status: runStatusSchema.optional(),
      runName: z.string().optional(),
    }),
  ),
  response: z.object({ runInfo: runInfoSchema }),
})

/** The request of `updateRun`, camelCase. */
export type UpdateRunRequest = EndpointRequest<typeof updateRun>
/** The response of `updateRun`, camelCase. */
export type UpdateRunResponse = EndpointResponse<typeof updateRun>
