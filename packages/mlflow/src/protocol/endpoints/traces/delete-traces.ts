import { z } from 'zod'
import { int64Schema } from '../../entities/proto-types.ts'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { requiredString } from '../request-fields.ts'

const request = z.object({
  experimentId: requiredString(),
  maxTimestampMillis: int64Schema.optional(),
  maxTraces: z.int().optional(),
  requestIds: z.array(z.string()).default([]),
})

const response = z.object({ tracesDeleted: z.int().optional() })

/**
 * `POST /api/2.0/mlflow/traces/delete-traces` (DeleteTraces): hard-deletes traces of an
 * experiment, either those named in `request_ids` or those at or before `max_timestamp_millis`
 * (oldest first, at most `max_traces`). Neither, both, or `max_traces` with ids is
 * `INVALID_PARAMETER_VALUE`.
 *
 * @example
 * deleteTraces.request.parse({ experiment_id: '1', max_timestamp_millis: 1718460461282, max_traces: 10 })
 */
export const deleteTraces = defineEndpoint({
  rpc: 'DeleteTraces',
  method: 'POST',
  path: '/api/2.0/mlflow/traces/delete-traces',
  request,
  response,
})

/**
 * `POST /api/3.0/mlflow/traces/delete-traces` (DeleteTracesV3): {@link deleteTraces} under the
 * 3.0 prefix.
 *
 * @example
 * deleteTracesV3.request.parse({ experiment_id: '1', request_ids: ['tr-0123456789abcdef0123456789abcdef'] })
 */
export const deleteTracesV3 = defineEndpoint({
  rpc: 'DeleteTracesV3',
  method: 'POST',
  path: '/api/3.0/mlflow/traces/delete-traces',
  request,
  response,
})

/** The request of `deleteTraces` and `deleteTracesV3`, camelCase. */
export type DeleteTracesRequest = EndpointRequest<typeof deleteTraces>
/** The response of `deleteTraces` and `deleteTracesV3`, camelCase. */
export type DeleteTracesResponse = EndpointResponse<typeof deleteTraces>
