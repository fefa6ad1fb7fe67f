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
  MlflowError,
  restoreRun,
  searchRuns,
  setTag,
  updateRun,
} from '@dspyflow/mlflow/protocol'
import { defineJsonRoute, type EndpointRoute } from './endpoint-route.ts'
import { appendLoggedModel } from './log-model-history.ts'

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
  defineJsonRoute(logMetric, async (request, { trackingStore }) => {
    const { runId, key, value, timestamp, step } = request
    await trackingStore.logMetric({ runId, key, value, timestamp, step })
    return {}
  }),
  defineJsonRoute(logParam, async (request, { trackingStore }) => {
    await trackingStore.logParam(request)
    return {}
  }),
  defineJsonRoute(logBatch, async (request, { trackingStore }) => {
    await trackingStore.logBatch({
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
  defineJsonRoute(logInputs, async ({ runId, datasets }, { trackingStore }) => {
    await trackingStore.logInputs({ runId, datasets })
    return {}
  }),
  defineJsonRoute(logModel, async ({ runId, modelJson }, { trackingStore }) => {
    await appendLoggedModel({ trackingStore, runId, modelJson })
    return {}
  }),
  defineJsonRoute(logOutputs, async () => {
    throw new MlflowError({
      errorCode: 'NOT_IMPLEMENTED',
      message: 'Logged models (MLflow 3) are not supported by this server yet.',
    })
  }),
]
