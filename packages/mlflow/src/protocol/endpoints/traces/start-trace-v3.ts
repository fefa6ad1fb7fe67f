import { z } from 'zod'
import { traceSchema } from '../../entities/traces/trace.ts'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'

/**
 * `POST /api/3.0/mlflow/traces` (StartTraceV3): despite the name, clients send it once, when the
 * trace has finished. Upserts the trace info (spans that arrived over OTLP are kept), adds the
 * tag `mlflow.artifactLocation` and returns the stored info.
 *
 * @example
 * startTraceV3.request.parse({ trace: { trace_info: { trace_id: 'tr-0123456789abcdef0123456789abcdef' } } })
 */
export const startTraceV3 = defineEndpoint({
  rpc: 'StartTraceV3',
  method: 'POST',
  path: '/api/3.0/mlflow/traces',
  request: z.object({ trace: traceSchema }),
  response: z.object({ trace: traceSchema }),
})

/** The request of `startTraceV3`, camelCase. */
export type StartTraceV3Request = EndpointRequest<typeof startTraceV3>
/** The response of `startTraceV3`, camelCase. */
export type StartTraceV3Response = EndpointResponse<typeof startTraceV3>
