import { z } from 'zod'
import { loggedModelSchema } from '../../entities/logged-models/logged-model.ts'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'

/** `max_results` of a logged-model search when the request leaves it out (the proto default). */
export const SEARCH_LOGGED_MODELS_DEFAULT_MAX_RESULTS = 50

/**
 * A dataset a logged-model search restricts metrics to. MLflow's server compares an absent
 * `datasetDigest` as SQL `NULL` in filters (only metrics logged without a digest match), and
 * ignores it in `order_by`.
 *
 * @example
 * searchLoggedModelsDatasetSchema.parse({ datasetName: 'eval', datasetDigest: '1a2b3c4d' })
 */
export const searchLoggedModelsDatasetSchema = z.object({
  datasetName: z.string().optional(),
  datasetDigest: z.string().optional(),
})

/** A dataset restriction of a logged-model search, camelCase. */
export type SearchLoggedModelsDataset = z.infer<typeof searchLoggedModelsDatasetSchema>

/**
 * One structured `order_by` entry: a model column (`name`, `creation_timestamp_ms` or its
 * aliases `creation_time` / `creation_timestamp`, `last_updated_timestamp_ms`, …) or
 * `metrics.<key>` (the latest value, optionally on one dataset); missing values sort last.
 *
 * @example
 * searchLoggedModelsOrderBySchema.parse({ fieldName: 'metrics.accuracy', ascending: false })
 */
export const searchLoggedModelsOrderBySchema = z.object({
  fieldName: z.string().default(''),
  ascending: z.boolean().default(true),
  datasetName: z.string().optional(),
  datasetDigest: z.string().optional(),
})

/** One ordering of a logged-model search, camelCase. */
export type SearchLoggedModelsOrderBy = z.infer<typeof searchLoggedModelsOrderBySchema>

/**
 * `POST /api/2.0/mlflow/logged-models/search`: a page of the active logged models of the given
 * experiments matching `filter` (comparisons on attributes, `params.`, `tags.` and `metrics.`
 * joined by `AND`), ordered by `orderBy` then `creation_timestamp_ms DESC`, `model_id ASC`.
 * `maxResults` defaults to 50 (0 means 100). The page token is base64 JSON of
 * `{experiment_ids, filter_string, order_by, offset}` and must match the request it is used with.
 *
 * @example
 * searchLoggedModels.request.parse({
 *   experiment_ids: ['1'],
 *   filter: "metrics.accuracy > 0.8 AND params.temperature = '0.7'",
 *   datasets: [{ dataset_name: 'eval', dataset_digest: '1a2b3c4d' }],
 *   order_by: [{ field_name: 'metrics.accuracy', ascending: false, dataset_name: 'eval' }],
 *   max_results: 10,
 * })
 */
export const searchLoggedModels = defineEndpoint({
  rpc: 'SearchLoggedModels',
  method: 'POST',
  path: '/api/2.0/mlflow/logged-models/search',
  request: z.object({
    experimentIds: z.array(z.string()),
    filter: z.string().optional(),
    datasets: z.array(searchLoggedModelsDatasetSchema).default([]),
    maxResults: z.int().default(SEARCH_LOGGED_MODELS_DEFAULT_MAX_RESULTS),
    orderBy: z.array(searchLoggedModelsOrderBySchema).default([]),
    pageToken: z.string().optional(),
  }),
  response: z.object({
    models: z.array(loggedModelSchema).default([]),
    nextPageToken: z.string().optional(),
  }),
})

/** The request of `searchLoggedModels`, camelCase. */
export type SearchLoggedModelsRequest = EndpointRequest<typeof searchLoggedModels>
/** The response of `searchLoggedModels`, camelCase. */
export type SearchLoggedModelsResponse = EndpointResponse<typeof searchLoggedModels>
