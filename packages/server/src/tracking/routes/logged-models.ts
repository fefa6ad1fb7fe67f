/**
 * @module logged-models
 * MLflow 3's logged-model endpoints (§3.6 of the API spec), each a thin mapping onto the
 * logged-model store, which holds MLflow's rules and messages; plus the listing of a model's
 * files, read from wherever its artifact URI points (the proxy destination for
 * `mlflow-artifacts:` models), like the run listing of `artifacts.ts`, and the web UI's download
 * of one of its files.
 */
import {
  createLoggedModel,
  deleteLoggedModel,
  deleteLoggedModelTag,
  type FileInfo,
  finalizeLoggedModel,
  getLoggedModel,
  getLoggedModelArtifact,
  listLoggedModelArtifacts,
  MlflowError,
  logLoggedModelParams,
  searchLoggedModels,
  setLoggedModelTags,
} from '@dspyflow/mlflow/protocol'
import { safeArtifactPath } from '../../artifacts/safe-artifact-path.ts'
import type { LoggedModelStore } from '../../stores/logged-models/logged-model-store.ts'
import { resolveArtifactLocation } from '../artifact-location.ts'
import { downloadHeaders } from './download-headers.ts'
import {
  defineJsonRoute,
  defineRawRoute,
  type EndpointRoute,
  parseEndpointRequest,
} from './endpoint-route.ts'
import { listingEntry } from './listing-entry.ts'
import { requireStore } from './require-store.ts'
import type { TrackingRouteServices } from './route-services.ts'

/**
 * The logged-model store of the app, or a non-JSON 404 when it has none.
 *
 * @example
 * const store = loggedModels(services)
 */
export function loggedModels(services: TrackingRouteServices): LoggedModelStore {
  return requireStore(services.loggedModelStore, 'logged model')
}

/**
 * The logged-model routes, to mount with `mountEndpointRoutes`.
 *
 * @example
 * mountEndpointRoutes({ app, routes: loggedModelRoutes, services })
 */
export const loggedModelRoutes: readonly EndpointRoute[] = [
  defineJsonRoute(createLoggedModel, async (request, services) => ({
    model: await loggedModels(services).createLoggedModel({
      experimentId: request.experimentId,
      name: request.name || undefined,
      // MLflow stores the proto defaults: '' when the request has no model type or source run.
      modelType: request.modelType ?? '',
      sourceRunId: request.sourceRunId ?? '',
      params: request.params,
      tags: request.tags,
    }),
  })),
  defineJsonRoute(searchLoggedModels, (request, services) =>
    loggedModels(services).searchLoggedModels({
      experimentIds: request.experimentIds,
      filter: request.filter || undefined,
      datasets: request.datasets,
      maxResults: request.maxResults,
      orderBy: request.orderBy,
      pageToken: request.pageToken || undefined,
    }),
  ),
  defineJsonRoute(getLoggedModel, async ({ modelId, allowDeleted }, services) => ({
    model: await loggedModels(services).getLoggedModelOrThrow({ modelId, allowDeleted }),
  })),
  defineJsonRoute(finalizeLoggedModel, async ({ modelId, status }, services) => ({
    model: await loggedModels(services).finalizeLoggedModel({ modelId, status }),
  })),
  defineJsonRoute(deleteLoggedModel, async ({ modelId }, services) => {
    await loggedModels(services).deleteLoggedModel({ modelId })
    return {}
  }),
  defineJsonRoute(setLoggedModelTags, async ({ modelId, tags }, services) => {
    await loggedModels(services).setLoggedModelTags({ modelId, tags })
    return {}
  }),
  defineJsonRoute(deleteLoggedModelTag, async ({ modelId, tagKey }, services) => {
    await loggedModels(services).deleteLoggedModelTag({ modelId, key: tagKey })
    return {}
  }),
  defineJsonRoute(logLoggedModelParams, async ({ modelId, params }, services) => {
    await loggedModels(services).logLoggedModelParams({ modelId, params })
    return {}
  }),
  defineJsonRoute(listLoggedModelArtifacts, async (request, services) => {
    const folder =
      request.artifactDirectoryPath === undefined
        ? ''
        : safeArtifactPath({ path: request.artifactDirectoryPath, allowRoot: true })
    const model = await loggedModels(services).getLoggedModelOrThrow({ modelId: request.modelId })
    const rootUri = model.info.artifactUri
    const location = await resolveArtifactLocation({ uri: rootUri, artifacts: services.artifacts })
    try {
      const entries = await location.store.list({ path: joinPath(location.path, folder) })
      return { rootUri, files: entries.map((entry) => relativeTo(entry, location.path)) }
    } finally {
      await location.release()
    }
  }),
  defineRawRoute(getLoggedModelArtifact, async (context, services) => {
    const request = await parseEndpointRequest(getLoggedModelArtifact, context, services)
    if (!request.artifactFilePath) {
      throw new MlflowError({
        errorCode: 'BAD_REQUEST',
        message: 'Request must include the "artifact_file_path" query parameter.',
      })
    }
    const path = safeArtifactPath({ path: request.artifactFilePath })
    const model = await loggedModels(services).getLoggedModelOrThrow({ modelId: request.modelId })
    const location = await resolveArtifactLocation({
      uri: model.info.artifactUri,
      artifacts: services.artifacts,
    })
    try {
      const content = await location.store.get({ path: joinPath(location.path, path) })
      const headers = downloadHeaders({
        fileName: path.split('/').at(-1) ?? path,
        size: content.size,
      })
      return new Response(releasing(content.body, location.release), { status: 200, headers })
    } catch (error) {
      await location.release()
      throw error
    }
  }),
]

/** The body, releasing the artifact store once it has been read or abandoned. */
function releasing(
  body: ReadableStream<Uint8Array>,
  release: () => Promise<void>,
): ReadableStream<Uint8Array> {
  const reader = body.getReader()
  let released = false
  const releaseOnce = async () => {
    if (released) return
    released = true
    await release()
  }
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read()
        if (done) {
          controller.close()
          await releaseOnce()
        } else {
          controller.enqueue(value)
        }
      } catch (error) {
        controller.error(error)
        await releaseOnce()
      }
    },
    async cancel(reason) {
      await reader.cancel(reason)
      await releaseOnce()
    },
  })
}

function joinPath(base: string, path: string): string {
  if (base === '') return path
  return path === '' ? base : `${base}/${path}`
}

function relativeTo(entry: FileInfo, base: string): FileInfo {
  const inside = base !== '' && entry.path.startsWith(`${base}/`)
  return listingEntry(entry, inside ? entry.path.slice(base.length + 1) : entry.path)
}
