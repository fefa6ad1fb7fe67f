import { z } from 'zod'
import { defineEndpoint, type EndpointRequest } from '../endpoint.ts'
import { emptyResponseSchema } from '../request-fields.ts'

const request = z.object({ requestId: z.string().optional(), path: z.string().optional() })

/**
 * `GET /ajax-api/2.0/mlflow/get-trace-artifact?request_id=<trace id>` (web UI only): the
 * trace's spans as a `traces.json` download (`{"spans": [...]}`), from the tracking store when it
 * keeps them, else the file next to the trace. Not JSON (`responseBody: 'bytes'`).
 *
 * @example
 * getTraceArtifact.request.parse({ request_id: 'tr-0123456789abcdef0123456789abcdef' })
 */
export const getTraceArtifact = defineEndpoint({
  rpc: 'GetTraceArtifact',
  method: 'GET',
  path: '/ajax-api/2.0/mlflow/get-trace-artifact',
  responseBody: 'bytes',
  request,
  response: emptyResponseSchema,
})

/**
 * {@link getTraceArtifact} under `/ajax-api/3.0/`.
 *
 * @example
 * getTraceArtifactV3.path // '/ajax-api/3.0/mlflow/get-trace-artifact'
 */
export const getTraceArtifactV3 = defineEndpoint({
  rpc: 'GetTraceArtifactV3',
  method: 'GET',
  path: '/ajax-api/3.0/mlflow/get-trace-artifact',
  responseBody: 'bytes',
  request,
  response: emptyResponseSchema,
})

/** The request of `getTraceArtifact`, camelCase. */
export type GetTraceArtifactRequest = EndpointRequest<typeof getTraceArtifact>
