/**
 * @module traces-artifact
 * A trace's span data as the `traces.json` file clients and the UI read (spec §3.9.6, §6.8): the
 * UI helper `get-trace-artifact`, and the fallback the artifact proxy uses when a client (the
 * TypeScript SDK) downloads `<exp>/traces/<trace id>/artifacts/traces.json` for a trace whose
 * spans live in the tracking store, so both SDKs can read every trace.
 */
import { getTraceArtifact, getTraceArtifactV3, MlflowError } from '@dspyflow/mlflow/protocol'
import { ArtifactNotFoundError } from '../../artifacts/errors/artifact-not-found-error.ts'
import { safeArtifactPath } from '../../artifacts/safe-artifact-path.ts'
import { tracesJsonText } from '../../stores/traces/spans/span-dict.ts'
import { isStoreBacked } from '../../stores/traces/trace-reads.ts'
import type { TraceInfoRecord } from '../../stores/traces/trace-store.ts'
import { ARTIFACT_LOCATION_TAG } from '../../stores/traces/trace-writes.ts'
import { proxiedArtifactPath, resolveArtifactLocation } from '../artifact-location.ts'
import { downloadHeaders } from './download-headers.ts'
import { defineRawRoute, type EndpointRoute, parseEndpointRequest } from './endpoint-route.ts'
import type { TrackingRouteServices } from './route-services.ts'
import { traceStoreOf } from './traces-v3.ts'

const TRACES_JSON = 'traces.json'
const proxyTracePath = /^(.+\/)?traces\/(tr-[0-9a-f]{32})\/artifacts\/traces\.json$/

async function storedTracesJson(
  services: TrackingRouteServices,
  info: TraceInfoRecord,
): Promise<Uint8Array | undefined> {
  if (!isStoreBacked(info)) return undefined
  const trace = await traceStoreOf(services).getTrace({ traceId: info.traceId, allowPartial: true })
  return new TextEncoder().encode(tracesJsonText(trace.spanDicts))
}

async function readArtifactFile(
  services: TrackingRouteServices,
  info: TraceInfoRecord,
  file: string,
): Promise<Response> {
  const uri = info.tags[ARTIFACT_LOCATION_TAG]
  if (uri === undefined) {
    throw new MlflowError({
      errorCode: 'RESOURCE_DOES_NOT_EXIST',
      message: `Trace ${info.traceId} has no artifact location.`,
    })
  }
  const location = await resolveArtifactLocation({ uri, artifacts: services.artifacts })
  try {
    const path = location.path === '' ? file : `${location.path}/${file}`
    const content = await location.store.get({ path })
    const name = file.slice(file.lastIndexOf('/') + 1)
    return new Response(content.body, {
      status: 200,
      headers: downloadHeaders({ fileName: name, size: content.size }),
    })
  } catch (error) {
    if (ArtifactNotFoundError.isInstance(error)) {
      throw new MlflowError({
        errorCode: 'RESOURCE_DOES_NOT_EXIST',
        message: `The trace data of ${info.traceId} was not found.`,
        cause: error,
      })
    }
    throw error
  } finally {
    await location.release()
  }
}

function handle(endpoint: typeof getTraceArtifact): EndpointRoute {
  return defineRawRoute(endpoint, async (context, services) => {
    const { requestId, path } = await parseEndpointRequest(endpoint, context, services)
    if (!requestId) {
      throw new MlflowError({
        errorCode: 'BAD_REQUEST',
        message: 'Request must include the "request_id" query parameter.',
      })
    }
    const info = await traceStoreOf(services).getTraceInfo({ traceId: requestId })
    if (path) {
      const attachment = safeArtifactPath({ path })
      return readArtifactFile(services, info, `attachments/${attachment}`)
    }
    const body = await storedTracesJson(services, info)
    if (body === undefined) return readArtifactFile(services, info, TRACES_JSON)
    return new Response(body, {
      status: 200,
      headers: downloadHeaders({ fileName: TRACES_JSON, size: body.byteLength }),
    })
  })
}

/**
 * The UI's `get-trace-artifact` routes (`/ajax-api/2.0/` and `/ajax-api/3.0/`).
 *
 * @example
 * mountEndpointRoutes({ app, routes: traceArtifactRoutes, services })
 */
export const traceArtifactRoutes: readonly EndpointRoute[] = [
  handle(getTraceArtifact),
  handle(getTraceArtifactV3),
]

/**
 * The `traces.json` of a store-backed trace when `path` (a path under the proxy destination) is
 * that trace's `traces.json` and the trace's artifact location is this very folder; otherwise
 * `undefined`. The artifact proxy calls it when the file does not exist.
 *
 * @example
 * await tracesJsonForProxyPath({ services, path: '1/traces/tr-…/artifacts/traces.json' })
 */
export async function tracesJsonForProxyPath(options: {
  services: TrackingRouteServices
  path: string
}): Promise<Uint8Array | undefined> {
  const { services, path } = options
  const match = proxyTracePath.exec(path)
  const traceStore = services.traceStore
  if (match === null || traceStore === undefined) return undefined
  const [info] = await traceStore.batchGetTraceInfos({ traceIds: [match[2] as string] })
  if (info === undefined) return undefined
  const location = info.tags[ARTIFACT_LOCATION_TAG]
  if (location === undefined || proxiedArtifactPath(location) === undefined) return undefined
  const folder = safeArtifactPath({ path: proxiedArtifactPath(location) ?? '', allowRoot: true })
  if (`${folder}/${TRACES_JSON}` !== path) return undefined
  return storedTracesJson(services, info)
}
