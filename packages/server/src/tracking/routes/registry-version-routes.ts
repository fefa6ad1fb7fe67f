/**
 * @module registry-version-routes
 * Model-version endpoints of the model registry (spec §3.7): create (with MLflow's source
 * checks and lineage), get, update, stage transitions, delete, download location, search and
 * tags.
 */
import {
  type CreateModelVersionRequest,
  createModelVersion,
  deleteModelVersion,
  deleteModelVersionTag,
  getModelVersion,
  getModelVersionDownloadUri,
  type ModelVersion,
  searchModelVersions,
  setModelVersionTag,
  transitionModelVersionStage,
  updateModelVersion,
} from '@dspyflow/mlflow/protocol'
import type { LoggedModelLookup } from '../../stores/registry/registry-store.ts'
import { IS_PROMPT_TAG_KEY } from '../../stores/registry/registry-validation.ts'
import { defineJsonRoute, type EndpointRoute } from './endpoint-route.ts'
import { linkVersionToLoggedModel } from './registry-logged-model-link.ts'
import { registryOf } from './registry-model-routes.ts'
import {
  checkHostAddressedScheme,
  checkPromptSource,
  checkSourceForModel,
  checkSourceForRun,
} from './registry-source-checks.ts'
import { resolveSourceLineage } from './registry-source-lineage.ts'
import type { TrackingRouteServices } from './route-services.ts'

/** Whether a request registers a prompt version (its last `mlflow.prompt.is_prompt` tag). */
function isPromptRequest(request: CreateModelVersionRequest): boolean {
  let value = 'false'
  for (const tag of request.tags) if (tag.key === IS_PROMPT_TAG_KEY) value = tag.value
  return value.toLowerCase() === 'true'
}

/**
 * Registers a version as MLflow's server does: prompt sources must be placeholders; other
 * sources get their lineage resolved and are checked against the run or logged model they
 * claim to come from; the store then numbers and stores the version, and a logged model it
 * came from learns about it.
 *
 * @example
 * const version = await registerModelVersion(request, services)
 */
export async function registerModelVersion(
  request: CreateModelVersionRequest,
  services: TrackingRouteServices,
): Promise<ModelVersion> {
  const registryStore = registryOf(services)
  const loggedModels: LoggedModelLookup | undefined = services.loggedModelStore
  const isPrompt = isPromptRequest(request)
  if (isPrompt) checkPromptSource(request.source)
  checkHostAddressedScheme({ uri: request.source, fieldName: 'source' })
  let lineage = { source: request.source, runId: request.runId, modelId: request.modelId }
  if (!isPrompt) {
    lineage = await resolveSourceLineage({ registryStore, lineage })
    if (lineage.modelId) {
      await checkSourceForModel({ source: lineage.source, modelId: lineage.modelId, loggedModels })
    } else {
      await checkSourceForRun({
        source: lineage.source,
        runId: lineage.runId ?? '',
        trackingStore: services.trackingStore,
      })
    }
  }
  const version = await registryStore.createModelVersion({
    name: request.name,
    source: lineage.source,
    runId: lineage.runId ?? '',
    tags: request.tags,
    runLink: request.runLink ?? '',
    description: request.description ?? '',
    modelId: lineage.modelId || undefined,
    loggedModels,
  })
  if (!isPrompt && lineage.modelId) {
    await linkVersionToLoggedModel({
      loggedModels,
      modelId: lineage.modelId,
      name: request.name,
      version: Number(version.version),
    })
  }
  return version
}

/**
 * The model-version routes, to mount with `mountEndpointRoutes`.
 *
 * @example
 * mountEndpointRoutes({ app, routes: modelVersionRoutes, services })
 */
export const modelVersionRoutes: readonly EndpointRoute[] = [
  defineJsonRoute(createModelVersion, async (request, services) => ({
    modelVersion: await registerModelVersion(request, services),
  })),
  defineJsonRoute(getModelVersion, async ({ name, version }, services) => ({
    modelVersion: await registryOf(services).getModelVersion({ name, version }),
  })),
  defineJsonRoute(updateModelVersion, async (request, services) => ({
    modelVersion: await registryOf(services).updateModelVersion(request),
  })),
  defineJsonRoute(transitionModelVersionStage, async (request, services) => ({
    modelVersion: await registryOf(services).transitionModelVersionStage(request),
  })),
  defineJsonRoute(deleteModelVersion, async ({ name, version }, services) => {
    await registryOf(services).deleteModelVersion({ name, version })
    return {}
  }),
  defineJsonRoute(getModelVersionDownloadUri, async ({ name, version }, services) => ({
    artifactUri: await registryOf(services).getModelVersionDownloadUri({ name, version }),
  })),
  defineJsonRoute(searchModelVersions, (request, services) =>
    registryOf(services).searchModelVersions({
      filter: request.filter,
      maxResults: request.maxResults,
      orderBy: request.orderBy,
      pageToken: request.pageToken || undefined,
    }),
  ),
  defineJsonRoute(setModelVersionTag, async (request, services) => {
    await registryOf(services).setModelVersionTag(request)
    return {}
  }),
  defineJsonRoute(deleteModelVersionTag, async (request, services) => {
    await registryOf(services).deleteModelVersionTag(request)
    return {}
  }),
]
