import { z } from 'zod'
import { int64Schema } from '../../entities/proto-types.ts'
import { runSchema } from '../../entities/run.ts'
import { runTagSchema } from '../../entities/run-tag.ts'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { listOrAbsent } from '../request-fields.ts'

/**
 * `POST /api/2.0/mlflow/runs/create`: starts a run (status `RUNNING`) in an active experiment;
 * an absent or empty `experimentId` means the Default experiment `"0"`. The run is named
 * `runName`, else its `mlflow.runName` tag, else a generated "adjective-noun-NNN"; both given
 * and different is `INVALID_PARAMETER_VALUE`. `userId` is deprecated but still stored.
 *
 * @example
 * createRun.request.parse({
 *   experiment_id: '1',
 *   start_time: 1718460461282,
 *   tags: [{ key: 'mlflow.user', value: 'ada' }],
 * })
 */
export const createRun = defineEndpoint({
  rpc: 'CreateRun',
  method: 'POST',
  path: '/api/2.0/mlflow/runs/create',
  request: z.object({
    experimentId: z.string().optional(),
    startTime: int64Schema.optional(),
    runName: z.string().optional(),
    userId: z.string().optional(),
    tags: listOrAbsent(z.array(runTagSchema)).default([]),
  }),
  response: z.object({ run: runSchema }),
})

/** The request of `createRun`, camelCase. */
export type CreateRunRequest = EndpointRequest<typeof createRun>
/** The response of `createRun`, camelCase. */
export type CreateRunResponse = EndpointResponse<typeof createRun>
