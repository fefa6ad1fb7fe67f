/**
 * @module otlp-load
 * OTLP ingestion for bench/traces: protobuf `ExportTraceServiceRequest` bodies of several whole
 * traces (encoded by the server package's own encoder), sent to `POST /v1/traces` with the
 * `x-mlflow-experiment-id` header, a bounded number in flight. Used both for the timed ingestion
 * phase (bodies built before the clock starts) and for seeding (bodies built on the fly).
 */
import { encodeExportRequestProto } from '../../packages/server/src/otlp/index.ts'
import { type LatencyStats, type PoolResult, run } from '../tracking/http-client.ts'
import { SPANS_PER_TRACE, traceSpans } from './trace-factory.ts'

/** The protobuf body carrying traces `from … to - 1`, one resource and scope like an SDK. */
export function otlpBody(from: number, to: number): Uint8Array {
  const spans = []
  for (let index = from; index < to; index += 1) spans.push(...traceSpans(index))
  return encodeExportRequestProto({
    resourceSpans: [
      {
        resourceAttributes: {
          'service.name': 'bench-agent',
          'telemetry.sdk.language': 'python',
          'telemetry.sdk.name': 'opentelemetry',
        },
        scopeSpans: [{ scope: { name: 'mlflow.tracing', version: '3.17.2' }, spans }],
      },
    ],
  })
}

/** Thrown for an answer other than 200. */
export class OtlpRequestError extends Error {}

/** Sends one body; its latency is pushed onto `latencies` on success. */
export async function postOtlp(
  baseUrl: string,
  experimentId: string,
  body: Uint8Array,
  latencies: number[],
): Promise<void> {
  const start = performance.now()
  const response = await fetch(`${baseUrl}/v1/traces`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-protobuf', 'x-mlflow-experiment-id': experimentId },
    body,
  })
  const text = await response.text()
  if (response.status !== 200)
    throw new OtlpRequestError(`/v1/traces: HTTP ${response.status} ${text.slice(0, 300)}`)
  latencies.push(performance.now() - start)
}

/** The outcome of sending traces `from … to - 1`. */
export interface OtlpLoadResult extends PoolResult {
  requests: number
  traces: number
  spans: number
  traces_per_request: number
  concurrency: number
  /** Spans of the requests answered 200, per second of the phase's wall time. */
  spans_per_s: number
  body_bytes_mean: number
}

export interface OtlpLoadOptions {
  baseUrl: string
  experimentId: string
  from: number
  to: number
  tracesPerRequest: number
  concurrency: number
  /**
   * The bodies, built beforehand with {@link otlpBodies} for the same range (the timed phase:
   * no encoding while the clock runs); without them, each body is built when it is sent.
   */
  bodies?: readonly Uint8Array[]
}

/**
 * The bodies {@link sendTraces} would send for traces `from … to - 1`.
 *
 * @example
 * const bodies = otlpBodies({ from: 0, to: 1000, tracesPerRequest: 10 }) // 100 bodies
 */
export function otlpBodies(options: { from: number; to: number; tracesPerRequest: number }) {
  const { from, to, tracesPerRequest } = options
  const bodies: Uint8Array[] = []
  for (let first = from; first < to; first += tracesPerRequest)
    bodies.push(otlpBody(first, Math.min(to, first + tracesPerRequest)))
  return bodies
}

/**
 * Sends traces `from … to - 1` in requests of `tracesPerRequest` traces, `concurrency` in flight.
 *
 * @example
 * const result = await sendTraces({ baseUrl, experimentId: '1', from: 0, to: 1000,
 *   tracesPerRequest: 10, concurrency: 4 })
 * result.spans_per_s
 */
export async function sendTraces(options: OtlpLoadOptions): Promise<OtlpLoadResult> {
  const { baseUrl, experimentId, from, to, tracesPerRequest, concurrency } = options
  const requests = Math.ceil((to - from) / tracesPerRequest)
  const range = (request: number) => {
    const first = from + request * tracesPerRequest
    return [first, Math.min(to, first + tracesPerRequest)] as const
  }
  const prebuilt = options.bodies
  if (prebuilt && prebuilt.length !== requests)
    throw new Error(`${prebuilt.length} bodies for ${requests} requests`)
  let bytes = 0
  let sent = 0
  const pool = await run(requests, concurrency, async (request, latencies) => {
    const [first, end] = range(request)
    const body = prebuilt?.[request] ?? otlpBody(first, end)
    bytes += body.length
    await postOtlp(baseUrl, experimentId, body, latencies)
    sent += (end - first) * SPANS_PER_TRACE
  })
  const traces = to - from
  const spans = traces * SPANS_PER_TRACE
  return {
    ...pool,
    requests,
    traces,
    spans,
    traces_per_request: tracesPerRequest,
    concurrency,
    spans_per_s: Math.round(sent / (pool.wall_ms / 1000)),
    body_bytes_mean: Math.round(bytes / requests),
  }
}

export type { LatencyStats }
