/**
 * @module logged-models
 * Read-only stand-ins for MLflow 3's logged-model endpoints (§3.6 of the API spec) until the
 * tracking store keeps logged models: a search that finds none, and a lookup that finds none.
 * The Python client searches logged models whenever it lists or downloads a sub-folder of a
 * `runs:/` URI (`RunsArtifactRepository._list_model_artifacts`), so a 404 here would break
 * `list_artifacts(run_id, "sub")` and `download_artifacts(run_id=..., artifact_path="sub")`.
 *
 * The descriptors live here, not in `@dspyflow/mlflow/protocol`, only until the protocol
 * describes logged models; then these routes should import them from there.
 */
import { defineEndpoint, MlflowError, requiredString } from '@dspyflow/mlflow/protocol'
import { z } from 'zod'
import { defineJsonRoute, type EndpointRoute } from './endpoint-route.ts'

/** `POST /api/2.0/mlflow/logged-models/search` (request fields this server reads). */
export const searchLoggedModels = defineEndpoint({
  rpc: 'SearchLoggedModels',
  method: 'POST',
  path: '/api/2.0/mlflow/logged-models/search',
  request: z.object({
    experimentIds: z.array(z.string()).min(1),
    filter: z.string().optional(),
    maxResults: z.int().optional(),
    pageToken: z.string().optional(),
  }),
  response: z.object({ nextPageToken: z.string().optional() }),
})

/** `GET /api/2.0/mlflow/logged-models/{model_id}`. */
export const getLoggedModel = defineEndpoint({
  rpc: 'GetLoggedModel',
  method: 'GET',
  path: '/api/2.0/mlflow/logged-models/{model_id}',
  request: z.object({ modelId: requiredString() }),
  response: z.object({}),
})

/**
 * The logged-model routes, to mount with `mountEndpointRoutes`.
 *
 * @example
 * mountEndpointRoutes({ app, routes: loggedModelRoutes, services })
 */
export const loggedModelRoutes: readonly EndpointRoute[] = [
  defineJsonRoute(searchLoggedModels, async ({ experimentIds }, { trackingStore }) => {
    for (const experimentId of experimentIds) {
      await trackingStore.getExperimentOrThrow({ experimentId })
    }
    return {}
  }),
  defineJsonRoute(getLoggedModel, async ({ modelId }) => {
    throw new MlflowError({
      errorCode: 'RESOURCE_DOES_NOT_EXIST',
      message: `Logged model with ID '${modelId}' not found.`,
    })
  }),
]
