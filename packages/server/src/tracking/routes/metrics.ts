/**
 * @module metrics
 * The metric-history endpoints (§3.3 of the API spec): one run's full history, paged, and the
 * sampled multi-run history the UI charts use.
 */
import { getMetricHistory, getMetricHistoryBulkInterval } from '@dspyflow/mlflow/protocol'
import { defineJsonRoute, type EndpointRoute } from './endpoint-route.ts'

/**
 * The metric routes, to mount with `mountEndpointRoutes`.
 *
 * @example
 * mountEndpointRoutes({ app, routes: metricRoutes, services })
 */
export const metricRoutes: readonly EndpointRoute[] = [
  defineJsonRoute(getMetricHistory, (request, { trackingStore }) =>
    trackingStore.getMetricHistory({
      runId: request.runId,
      metricKey: request.metricKey,
      maxResults: request.maxResults,
      pageToken: request.pageToken,
    }),
  ),
  defineJsonRoute(getMetricHistoryBulkInterval, async (request, { trackingStore }) => ({
    metrics: await trackingStore.getMetricHistoryBulkInterval({
      runIds: request.runIds,
      metricKey: request.metricKey,
      startStep: request.startStep,
      endStep: request.endStep,
      maxResults: request.maxResults,
    }),
  })),
]
