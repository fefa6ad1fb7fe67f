/**
 * @module traces-v3
 * The trace v3 routes (spec §3.9.2). Routes with literal path segments (`get`, `batchGet`,
 * `search`, `delete-traces`, `batchGetInfos`) come before `traces/{trace_id}`, so they win.
 * Search answers are written straight to JSON: by the store when it can (SQLite), else from
 * the page's records (trace-search-json.ts).
 */
import {
  batchGetTraceInfos,
  batchGetTraces,
  deleteTraceTagV3,
  deleteTracesV3,
  getTrace,
  getTraceInfoV3,
  MlflowError,
  searchTracesV3,
  setTraceTagV3,
  startTraceV3,
} from '@dspyflow/mlflow/protocol'
import type { TraceStore } from '../../stores/traces/trace-store.ts'
import {
  defineJsonRoute,
  defineRawRoute,
  type EndpointRoute,
  jsonResponse,
  parseEndpointRequest,
} from './endpoint-route.ts'
import { requireStore } from './require-store.ts'
import type { TrackingRouteServices } from './route-services.ts'
import {
  searchTracesAnswerJson,
  searchTracesJson,
  searchTracesResponse,
} from './trace-search-json.ts'
import { startTraceInput, traceInfoV3, traceWithSpans } from './traces-wire.ts'

/** Trace tags the server manages: clients may not set them (nor delete, but the last). */
const SERVER_TAGS = new Set([
  'mlflow.trace.spansLocation',
  'mlflow.trace.archiveLocation',
  'mlflow.trace.archivalFailure',
])
const DELETABLE_SERVER_TAGS = new Set(['mlflow.trace.archivalFailure'])

/**
 * MLflow's refusal to let clients write server-managed trace tags.
 *
 * @throws MlflowError `INVALID_PARAMETER_VALUE`.
 */
export function checkClientTagMutation(key: string, operation: 'set' | 'deleted'): void {
  if (!SERVER_TAGS.has(key)) return
  if (operation === 'deleted' && DELETABLE_SERVER_TAGS.has(key)) return
  throw MlflowError.invalidParameterValue(
    `Tag '${key}' is immutable and cannot be ${operation} on a trace.`,
  )
}

function jsonText(text: string): Response {
  return new Response(text, { status: 200, headers: { 'content-type': 'application/json' } })
}

/** The trace store, or a 404 when the app has none. */
export function traceStoreOf(services: TrackingRouteServices): TraceStore {
  return requireStore(services.traceStore, 'trace')
}

/**
 * The v3 trace routes.
 *
 * @example
 * mountEndpointRoutes({ app, routes: traceV3Routes, services })
 */
export const traceV3Routes: readonly EndpointRoute[] = [
  defineJsonRoute(getTrace, async ({ traceId, allowPartial }, services) => ({
    trace: traceWithSpans(await traceStoreOf(services).getTrace({ traceId, allowPartial })),
  })),
  defineJsonRoute(batchGetTraces, async ({ traceIds, experimentIds }, services) => {
    const traces = await traceStoreOf(services).batchGetTraces({ traceIds, experimentIds })
    return { traces: traces.map(traceWithSpans) }
  }),
  defineJsonRoute(batchGetTraceInfos, async ({ traceIds, experimentIds }, services) => {
    const infos = await traceStoreOf(services).batchGetTraceInfos({ traceIds, experimentIds })
    return { traceInfos: infos.map(traceInfoV3) }
  }),
  defineRawRoute(searchTracesV3, async (context, services) => {
    const request = await parseEndpointRequest(searchTracesV3, context, services)
    const experimentIds = request.locations.flatMap((location) => {
      const id = location.mlflowExperiment?.experimentId
      return location.mlflowExperiment === undefined ? [] : [id ?? '']
    })
    const store = traceStoreOf(services)
    const options = {
      experimentIds,
      filter: request.filter,
      maxResults: request.maxResults,
      orderBy: request.orderBy,
      pageToken: request.pageToken || undefined,
    }
    const written = await store.searchTracesJson(options)
    if (written !== undefined) return jsonText(searchTracesAnswerJson(written))
    const result = await store.searchTraces(options)
    const page = { infos: result.traceInfos, nextPageToken: result.nextPageToken }
    const text = searchTracesJson(page)
    if (text === undefined) return jsonResponse(searchTracesV3, searchTracesResponse(page))
    return jsonText(text)
  }),
  defineJsonRoute(deleteTracesV3, async (request, services) => ({
    tracesDeleted: await traceStoreOf(services).deleteTraces({
      experimentId: request.experimentId,
      maxTimestampMillis: request.maxTimestampMillis,
      maxTraces: request.maxTraces,
      traceIds: request.requestIds,
    }),
  })),
  defineJsonRoute(startTraceV3, async ({ trace }, services) => {
    const input = startTraceInput(trace.traceInfo)
    const info = await traceStoreOf(services).startTrace({ traceInfo: input })
    return { trace: { traceInfo: traceInfoV3(info), spans: [] } }
  }),
  defineJsonRoute(getTraceInfoV3, async ({ traceId }, services) => ({
    trace: {
      traceInfo: traceInfoV3(await traceStoreOf(services).getTraceInfo({ traceId })),
      spans: [],
    },
  })),
  defineJsonRoute(setTraceTagV3, async ({ traceId, key, value }, services) => {
    checkClientTagMutation(key, 'set')
    await traceStoreOf(services).setTraceTag({ traceId, key, value })
    return {}
  }),
  defineJsonRoute(deleteTraceTagV3, async ({ traceId, key }, services) => {
    checkClientTagMutation(key, 'deleted')
    await traceStoreOf(services).deleteTraceTag({ traceId, key })
    return {}
  }),
]
