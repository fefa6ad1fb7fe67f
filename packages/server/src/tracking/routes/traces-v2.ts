/**
 * @module traces-v2
 * The legacy v2 trace routes (spec §3.9.5) — current Python clients still use the tag routes and
 * delete-traces here — and link-to-run.
 */
import {
  deleteTraceTag,
  deleteTraces,
  endTraceV2,
  getTraceInfoV2,
  linkTracesToRun,
  searchTracesV2,
  setTraceTag,
  startTraceV2,
  type TraceKeyValue,
  traceStatusToState,
} from '@dspyflow/mlflow/protocol'
import { defineJsonRoute, type EndpointRoute } from './endpoint-route.ts'
import { traceInfoV2 } from './traces-wire.ts'
import { checkClientTagMutation, traceStoreOf } from './traces-v3.ts'

function entries(pairs: readonly TraceKeyValue[]): Record<string, string> {
  const result: Record<string, string> = {}
  for (const pair of pairs) result[pair.key ?? ''] = pair.value ?? ''
  return result
}

/**
 * The v2 trace routes and link-to-run.
 *
 * @example
 * mountEndpointRoutes({ app, routes: traceV2Routes, services })
 */
export const traceV2Routes: readonly EndpointRoute[] = [
  defineJsonRoute(linkTracesToRun, async ({ traceIds, runId }, services) => {
    await traceStoreOf(services).linkTracesToRun({ traceIds, runId })
    return {}
  }),
  defineJsonRoute(deleteTraces, async (request, services) => ({
    tracesDeleted: await traceStoreOf(services).deleteTraces({
      experimentId: request.experimentId,
      maxTimestampMillis: request.maxTimestampMillis,
      maxTraces: request.maxTraces,
      traceIds: request.requestIds,
    }),
  })),
  defineJsonRoute(searchTracesV2, async (request, services) => {
    const result = await traceStoreOf(services).searchTraces({
      experimentIds: request.experimentIds,
      filter: request.filter,
      maxResults: request.maxResults,
      orderBy: request.orderBy,
      pageToken: request.pageToken || undefined,
    })
    return { traces: result.traceInfos.map(traceInfoV2), nextPageToken: result.nextPageToken }
  }),
  defineJsonRoute(startTraceV2, async (request, services) => ({
    traceInfo: traceInfoV2(
      await traceStoreOf(services).startTraceV2({
        experimentId: request.experimentId ?? '',
        timestampMs: request.timestampMs ?? 0,
        requestMetadata: entries(request.requestMetadata),
        tags: entries(request.tags),
      }),
    ),
  })),
  defineJsonRoute(endTraceV2, async (request, services) => ({
    traceInfo: traceInfoV2(
      await traceStoreOf(services).endTraceV2({
        requestId: request.requestId,
        timestampMs: request.timestampMs ?? 0,
        state: traceStatusToState(request.status ?? 'TRACE_STATUS_UNSPECIFIED'),
        requestMetadata: entries(request.requestMetadata),
        tags: entries(request.tags),
      }),
    ),
  })),
  defineJsonRoute(getTraceInfoV2, async ({ requestId }, services) => ({
    traceInfo: traceInfoV2(await traceStoreOf(services).getTraceInfo({ traceId: requestId })),
  })),
  defineJsonRoute(setTraceTag, async ({ requestId, key, value }, services) => {
    checkClientTagMutation(key, 'set')
    await traceStoreOf(services).setTraceTag({ traceId: requestId, key, value })
    return {}
  }),
  defineJsonRoute(deleteTraceTag, async ({ requestId, key }, services) => {
    checkClientTagMutation(key, 'deleted')
    await traceStoreOf(services).deleteTraceTag({ traceId: requestId, key })
    return {}
  }),
]
