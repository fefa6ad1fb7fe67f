/**
 * @module experiments
 * The experiment endpoints (§3.1 of the API spec) and the UI's dataset summaries, each a thin
 * mapping onto the tracking store, which holds MLflow's rules and messages.
 */
import {
  createExperiment,
  deleteExperiment,
  deleteExperimentTag,
  getExperiment,
  getExperimentByName,
  restoreExperiment,
  searchDatasets,
  searchExperiments,
  setExperimentTag,
  updateExperiment,
} from '@dspyflow/mlflow/protocol'
import { defineJsonRoute, type EndpointRoute } from './endpoint-route.ts'

/**
 * The experiment routes, to mount with `mountEndpointRoutes`.
 *
 * @example
 * mountEndpointRoutes({ app, routes: experimentRoutes, services })
 */
export const experimentRoutes: readonly EndpointRoute[] = [
  defineJsonRoute(createExperiment, async (request, { trackingStore }) => ({
    experimentId: await trackingStore.createExperiment({
      name: request.name,
      artifactLocation: request.artifactLocation,
      tags: request.tags,
    }),
  })),
  defineJsonRoute(getExperiment, async ({ experimentId }, { trackingStore }) => ({
    experiment: await trackingStore.getExperimentOrThrow({ experimentId }),
  })),
  defineJsonRoute(getExperimentByName, async ({ experimentName }, { trackingStore }) => ({
    experiment: await trackingStore.getExperimentByNameOrThrow({ name: experimentName }),
  })),
  defineJsonRoute(searchExperiments, (request, { trackingStore }) =>
    trackingStore.searchExperiments({
      filter: request.filter,
      orderBy: request.orderBy,
      viewType: request.viewType,
      maxResults: request.maxResults,
      pageToken: request.pageToken,
    }),
  ),
  defineJsonRoute(updateExperiment, async ({ experimentId, newName }, { trackingStore }) => {
    await trackingStore.renameExperiment({ experimentId, newName })
    return {}
  }),
  defineJsonRoute(deleteExperiment, async ({ experimentId }, { trackingStore }) => {
    await trackingStore.deleteExperiment({ experimentId })
    return {}
  }),
  defineJsonRoute(restoreExperiment, async ({ experimentId }, { trackingStore }) => {
    await trackingStore.restoreExperiment({ experimentId })
    return {}
  }),
  defineJsonRoute(setExperimentTag, async (request, { trackingStore }) => {
    await trackingStore.setExperimentTag(request)
    return {}
  }),
  defineJsonRoute(deleteExperimentTag, async (request, { trackingStore }) => {
    await trackingStore.deleteExperimentTag(request)
    return {}
  }),
  defineJsonRoute(searchDatasets, async ({ experimentIds }, { trackingStore }) => ({
    datasetSummaries: await trackingStore.searchDatasets({ experimentIds }),
  })),
]
