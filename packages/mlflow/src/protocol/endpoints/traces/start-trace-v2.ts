import { z } from 'zod'
import { int64Schema } from '../../entities/proto-types.ts'
import { traceInfoV2Schema, traceKeyValueSchema } from '../../entities/traces/trace-info-v2.ts'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'

/**
 * `POST /api/2.0/mlflow/traces` (legacy StartTrace): opens an `IN_PROGRESS` trace with a
 * server-generated id; old clients finish it with {@link endTraceV2}.
 *
 * @example
 * startTraceV2.request.parse({ experiment_id: '1', timestamp_ms: 1718460461282 })
 */
export const startTraceV2 = defineEndpoint({
  rpc: 'StartTrace',
  method: 'POST',
  path: '/api/2.0/mlflow/traces',
  request: z.object({
    experimentId: z.string().optional(),
    timestampMs: int64Schema.optional(),
    requestMetadata: z.array(traceKeyValueSchema).default([]),
    tags: z.array(traceKeyValueSchema).default([]),
  }),
  response: z.object({ traceInfo: traceInfoV2Schema }),
})

/** The request of `startTraceV2`, camelCase. */
export type StartTraceV2Request = EndpointRequest<typeof startTraceV2>
/** The response of `startTraceV2`, camelCase. */
export type StartTraceV2Response = EndpointResponse<typeof startTraceV2>
