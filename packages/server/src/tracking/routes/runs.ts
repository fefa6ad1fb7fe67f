/**
 * @module runs
 * The run endpoints (§3.2 of the API spec), each a thin mapping onto the tracking store, which
 * holds MLflow's rules (param immutability, active-run checks, batch limits) and messages.
 */
import {
  createRun,
  deleteRun,
  deleteTag,
  getRun,
  logBatch,
  logInputs,
  logMetric,
  logModel,
  logOutputs,
  logParam,
  restoreRun,
  searchRuns,
  setTag,
  updateRun,
} from '@dspyflow/mlflow/protocol'
import { defineJsonRoute, type EndpointRoute } from './endpoint-route.ts'
import { appendLoggedModel } from './log-model-history.ts'
import { loggedModels } from './logged-models.ts'

/** A metric of a request that is also recorded against a logged model. */
interface ModelMetricRequest {
  key: string
  value: number
  timestamp: number | bigint
  step?: number | bigint
  modelId?: string
  datasetName?: string
  datasetDigest?: string
}

/** The points of a request that name a logged model (an empty `model_id` names none). */
function modelMetrics(metrics: readonly ModelMetricRequest[]) {
  return metrics.flatMap((metric) =>
    metric.modelId
      ? [
          {
            modelId: metric.modelId,
            key: metric.key,
            value: metric.value,
            timestamp: metric.timestamp,
            step: metric.step ?? 0,
            ...(metric.datasetName ? { datasetName: metric.datasetName } : {}),
            ...(metric.datasetDigest ? { datasetDigest: metric.datasetDigest } : {}),
          },
        ]
      : [],
  )
}

/**
 * The run routes, to mount with `mountEndpointRoutes`.
 *
 * @example
 * mountEndpointRoutes({ app, routes: runRoutes, services })
 */
export const runRoutes: readonly EndpointRoute[] = [
  defineJsonRoute(createRun, async (request, { trackingStore }) => ({
    run: await trackingStore.createRun({
      experimentId: request.experimentId || undefined,
      userId: request.userId,
      runName: request.runName,
      startTime: request.startTime,
      tags: request.tags,
    }),
  })),
  defineJsonRoute(getRun, async ({ runId }, { trackingStore }) => ({
    run: await trackingStore.getRunOrThrow({ runId }),
  })),
  defineJsonRoute(updateRun, async (request, { trackingStore }) => ({
    runInfo: await trackingStore.updateRun(request),
  })),
  defineJsonRoute(deleteRun, async ({ runId }, { trackingStore }) => {
    await trackingStore.deleteRun({ runId })
    return {}
  }),
  defineJsonRoute(restoreRun, async ({ runId }, { trackingStore }) => {
    await trackingStore.restoreRun({ runId })
    return {}
  }),
  defineJsonRoute(logMetric, async (request, services) => {
    const { runId, key, value, timestamp, step } = request
    // As in MLflow, the model's point is written first: if it fails, the run's is not written.
    const forModels = modelMetrics([request])
    if (forModels.length > 0) {
      await loggedModels(services).logLoggedModelMetrics({ runId, metrics: forModels })
    }
    await services.trackingStore.logMetric({ runId, key, value, timestamp, step })
    return {}
  }),
  defineJsonRoute(logParam, async (request, { trackingStore }) => {
    await trackingStore.logParam(request)
    return {}
  }),
  defineJsonRoute(logBatch, async (request, services) => {
    const forModels = modelMetrics(request.metrics)
    const loggedModelStore = forModels.length > 0 ? loggedModels(services) : undefined
    await services.trackingStore.logBatch({
      runId: request.runId,
      metrics: request.metrics.map(({ key, value, timestamp, step }) => ({
        key,
        value,
        timestamp,
        step,
      })),
      params: request.params,
      tags: request.tags,
    })
    // MLflow records model points after the run's params and metrics.
    await loggedModelStore?.logLoggedModelMetrics({ runId: request.runId, metrics: forModels })
    return {}
  }),
  defineJsonRoute(setTag, async (request, { trackingStore }) => {
    await trackingStore.setTag(request)
    return {}
  }),
  defineJsonRoute(deleteTag, async (request, { trackingStore }) => {
    await trackingStore.deleteTag(request)
    return {}
  }),
  defineJsonRoute(searchRuns, (request, { trackingStore }) =>
    trackingStore.searchRuns({
      experimentIds: request.experimentIds,
      filter: request.filter,
      runViewType: request.runViewType,
      maxResults: request.maxResults,
      orderBy: request.orderBy,
      pageToken: request.pageToken,
    }),
  ),
  defineJsonRoute(logInputs, async ({ runId, datasets, models }, { trackingStore }) => {
    await trackingStore.logInputs({ runId, datasets, models })
    return {}
  }),
  defineJsonRoute(logModel, async ({ runId, modelJson }, { trackingStore }) => {
    await appendLoggedModel({ trackingStore, runId, modelJson })
    return {}
  }),
  defineJsonRoute(logOutputs, async ({ runId, models }, { trackingStore }) => {
    await trackingStore.logOutputs({ runId, models })
    return {}
  }),
]
