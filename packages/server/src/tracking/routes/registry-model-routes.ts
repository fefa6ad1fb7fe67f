/**
 * @module registry-model-routes
 * Registered-model endpoints of the model registry (spec §3.7): create, get, rename, update,
 * delete, search, latest versions, tags and aliases; each a thin mapping onto the registry
 * store, which holds MLflow's rules and messages.
 */
import {
  createRegisteredModel,
  deleteRegisteredModel,
  deleteRegisteredModelAlias,
  deleteRegisteredModelTag,
  getLatestVersions,
  getModelVersionByAlias,
  getRegisteredModel,
  renameRegisteredModel,
  searchRegisteredModels,
  setRegisteredModelAlias,
  setRegisteredModelTag,
  updateRegisteredModel,
} from '@dspyflow/mlflow/protocol'
import type { RegistryStore } from '../../stores/registry/registry-store.ts'
import { defineJsonRoute, type EndpointRoute } from './endpoint-route.ts'
import { requireStore } from './require-store.ts'
import type { TrackingRouteServices } from './route-services.ts'

/**
 * The registry store, or a non-JSON-like 404 `ENDPOINT_NOT_FOUND` when the app has none.
 *
 * @example
 * const store = registryOf(services)
 */
export function registryOf(services: TrackingRouteServices): RegistryStore {
  return requireStore(services.registryStore, 'model registry')
}

/**
 * The registered-model routes, to mount with `mountEndpointRoutes`.
 *
 * @example
 * mountEndpointRoutes({ app, routes: registeredModelRoutes, services })
 */
export const registeredModelRoutes: readonly EndpointRoute[] = [
  defineJsonRoute(createRegisteredModel, async (request, services) => ({
    registeredModel: await registryOf(services).createRegisteredModel({
      name: request.name,
      tags: request.tags,
      description: request.description ?? '',
    }),
  })),
  defineJsonRoute(getRegisteredModel, async ({ name }, services) => ({
    registeredModel: await registryOf(services).getRegisteredModel({ name }),
  })),
  defineJsonRoute(renameRegisteredModel, async ({ name, newName }, services) => ({
    registeredModel: await registryOf(services).renameRegisteredModel({ name, newName }),
  })),
  defineJsonRoute(updateRegisteredModel, async ({ name, description }, services) => ({
    registeredModel: await registryOf(services).updateRegisteredModel({
      name,
      description: description ?? '',
    }),
  })),
  defineJsonRoute(deleteRegisteredModel, async ({ name }, services) => {
    await registryOf(services).deleteRegisteredModel({ name })
    return {}
  }),
  defineJsonRoute(searchRegisteredModels, (request, services) =>
    registryOf(services).searchRegisteredModels({
      filter: request.filter,
      maxResults: request.maxResults,
      orderBy: request.orderBy,
      pageToken: request.pageToken || undefined,
    }),
  ),
  defineJsonRoute(getLatestVersions, async ({ name, stages }, services) => ({
    modelVersions: await registryOf(services).getLatestVersions({ name, stages }),
  })),
  defineJsonRoute(setRegisteredModelTag, async (request, services) => {
    await registryOf(services).setRegisteredModelTag(request)
    return {}
  }),
  defineJsonRoute(deleteRegisteredModelTag, async (request, services) => {
    await registryOf(services).deleteRegisteredModelTag(request)
    return {}
  }),
  defineJsonRoute(setRegisteredModelAlias, async (request, services) => {
    await registryOf(services).setRegisteredModelAlias(request)
    return {}
  }),
  defineJsonRoute(deleteRegisteredModelAlias, async (request, services) => {
    await registryOf(services).deleteRegisteredModelAlias(request)
    return {}
  }),
  defineJsonRoute(getModelVersionByAlias, async (request, services) => ({
    modelVersion: await registryOf(services).getModelVersionByAlias(request),
  })),
]
