/**
 * @module otlp
 * OTLP/HTTP span ingestion at `POST /v1/traces` (spec §3.9.4), answering like MLflow 3.17's
 * FastAPI route: the `x-mlflow-experiment-id` header is required (422 with FastAPI's validation
 * body), `application/x-protobuf` or `application/json` bodies (400 otherwise), optionally
 * gzip / deflate encoded, errors as `{"detail": "..."}`, store errors as MLflow JSON errors,
 * and success as `200 application/x-protobuf` with an empty `ExportTraceServiceResponse`. An
 * `x-mlflow-run-id` header links the traces whose root span arrived to that run.
 * Bodies are limited to the server's request size, before and after decompression.
 */
import type { Context, Hono } from 'hono'
import { decodeOtlpBody, type OtlpMediaType } from '../../otlp/decode-otlp-body.ts'
import { OTLP_MESSAGES, OtlpError } from '../../otlp/otlp-error.ts'
import { readBodyBytes } from '../../otlp/read-body-bytes.ts'
import type { SpanRecord } from '../../stores/traces/span-record.ts'
import { mlflowErrorResponse, toMlflowError } from '../middleware/error-response.ts'
import type { TrackingRouteServices } from './route-services.ts'

/** The header naming the experiment the spans belong to. */
export const EXPERIMENT_ID_HEADER = 'x-mlflow-experiment-id'

/** The optional header naming a run to link the finished traces of the request to. */
export const RUN_ID_HEADER = 'x-mlflow-run-id'

const MEDIA_TYPES: readonly OtlpMediaType[] = ['application/x-protobuf', 'application/json']

/** The text Python's exporter looks for before it stops sending spans over OTLP. */
export const OTLP_NOT_SUPPORTED_PREFIX = 'REST OTLP span logging is not supported by'

/** Options of {@link mountOtlpRoutes}. */
export interface MountOtlpRoutesOptions {
  app: Hono
  services: TrackingRouteServices
}

/**
 * Mounts `POST /v1/traces`.
 *
 * @example
 * mountOtlpRoutes({ app, services })
 * await app.request('/v1/traces', {
 *   method: 'POST',
 *   body: encodeExportRequestProto(request),
 *   headers: { 'content-type': 'application/x-protobuf', 'x-mlflow-experiment-id': '1' },
 * }) // 200, empty application/x-protobuf body
 */
export function mountOtlpRoutes(options: MountOtlpRoutesOptions): void {
  const { app, services } = options
  app.post('/v1/traces', (context) => exportTraces(context, services))
}

async function exportTraces(context: Context, services: TrackingRouteServices): Promise<Response> {
  const experimentId = context.req.header(EXPERIMENT_ID_HEADER)
  if (experimentId === undefined) return missingHeaderResponse()
  try {
    const contentType = context.req.header('content-type')
    const mediaType = contentType?.split(';')[0]?.trim()
    if (!MEDIA_TYPES.includes(mediaType as OtlpMediaType)) {
      throw new OtlpError({
        status: 400,
        detail:
          `Invalid Content-Type: ${contentType ?? 'None'}. ` +
          'Expected: application/x-protobuf or application/json',
      })
    }
    const body = await readBodyBytes({
      request: context.req.raw,
      maxBytes: services.maxRequestBytes,
    })
    const spans = await decodeOtlpBody({
      body,
      mediaType: mediaType as OtlpMediaType,
      contentEncoding: context.req.header('content-encoding'),
      maxBytes: services.maxRequestBytes,
    })
    if (spans.length > 0) {
      await logSpans(services, experimentId, spans)
      await linkToRun(services, spans, context.req.header(RUN_ID_HEADER))
    }
  } catch (error) {
    if (OtlpError.isInstance(error)) return detailResponse(error.status, error.detail)
    const known = toMlflowError(error)
    if (known !== undefined) return mlflowErrorResponse(known)
    throw error
  }
  return new Response(null, { status: 200, headers: { 'content-type': 'application/x-protobuf' } })
}

async function logSpans(
  services: TrackingRouteServices,
  experimentId: string,
  spans: readonly SpanRecord[],
): Promise<void> {
  const { traceStore } = services
  if (traceStore === undefined) {
    throw new OtlpError({
      status: 501,
      detail: `${OTLP_NOT_SUPPORTED_PREFIX} this server (it has no trace store)`,
    })
  }
  // As MLflow: an unknown (or non-integer) id is refused, a deleted experiment is not.
  const experiment = await services.trackingStore.getExperimentOrThrow({ experimentId })
  try {
    await traceStore.logSpans({ experimentId: experiment.experimentId, spans })
  } catch (error) {
    if (toMlflowError(error) !== undefined) throw error
    // MLflow answers any other failure of the store with a 422, which clients do not retry.
    throw new OtlpError({ status: 422, detail: OTLP_MESSAGES.failedToLog, cause: error })
  }
}

/**
 * Links the traces whose root span arrived to the run the request names. As in MLflow, a
 * failure (an unknown run, say) does not fail the request.
 */
async function linkToRun(
  services: TrackingRouteServices,
  spans: readonly SpanRecord[],
  runId: string | undefined,
): Promise<void> {
  if (!runId || services.traceStore === undefined) return
  const traceIds = [
    ...new Set(spans.filter((span) => !span.parentSpanId).map((span) => span.traceId)),
  ]
  if (traceIds.length === 0) return
  await services.traceStore.linkTracesToRun({ traceIds, runId }).catch(() => undefined)
}

function detailResponse(status: number, detail: string): Response {
  return new Response(JSON.stringify({ detail }), {
    status,
    headers: { 'content-type': 'application/json' },
  })
}

/** FastAPI's validation answer for a missing required header. */
function missingHeaderResponse(): Response {
  const detail = [
    {
      type: 'missing',
      loc: ['header', EXPERIMENT_ID_HEADER],
      msg: 'Field required',
      input: null,
    },
  ]
  return new Response(JSON.stringify({ detail }), {
    status: 422,
    headers: { 'content-type': 'application/json' },
  })
}
