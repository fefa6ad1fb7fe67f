import { z } from 'zod'
import { int64Schema } from '../../entities/proto-types.ts'
import { traceInfoV2Schema, traceKeyValueSchema } from '../../entities/traces/trace-info-v2.ts'
import { traceStatusSchema } from '../../entities/traces/trace-state.ts'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { requiredString } from '../request-fields.ts'

/**
 * `PATCH /api/2.0/mlflow/traces/{request_id}` (legacy EndTrace): sets the end time (the
 * execution time is `timestamp_ms` minus the start), the status, and merges metadata and tags.
 *
 * @example
 * endTraceV2.request.parse({ request_id: 'abc', timestamp_ms: 1718460461300, status: 'OK' })
 */
export const endTraceV2 = defineEndpoint({
  rpc: 'EndTrace',
  method: 'PATCH',
  path: '/api/2.0/mlflow/traces/{request_id}',
  request: z.object({
    requestId: requiredString(),
    timestampMs: int64Schema.optional(),
    status: traceStatusSchema.optional(),
    requestMetadata: z.array(traceKeyValueSchema).default([]),
    tags: z.array(traceKeyValueSchema).default([]),
  }),
  response: z.object({ traceInfo: traceInfoV2Schema }),
})

/** The request of `endTraceV2`, camelCase. */
export type EndTraceV2Request = EndpointRequest<typeof endTraceV2>
/** The response of `endTraceV2`, camelCase. */
export type EndTraceV2Response = EndpointResponse<typeof endTraceV2>
