import { z } from 'zod'
import { modelVersionSchema } from '../../entities/registry/model-version.ts'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'

/** The largest (and default) `max_results` of `model-versions/search`. */
export const SEARCH_MODEL_VERSIONS_MAX_RESULTS = 200_000

/**
 * `GET /api/2.0/mlflow/model-versions/search`: a page of (not deleted) model versions matching
 * `filter` (`name`, `version_number`, `run_id` incl. `IN (…)`, `source_path`, `tags.<key>`),
 * ordered by `order_by` (`name`, `version_number`, `creation_timestamp`,
 * `last_updated_timestamp`; default `last_updated_timestamp DESC`, then `name ASC`,
 * `version_number DESC`). Versions of prompts only appear when the filter asks for them.
 *
 * @example
 * searchModelVersions.request.parse({ filter: "name = 'qa-program'", max_results: '50' })
 */
export const searchModelVersions = defineEndpoint({
  rpc: 'SearchModelVersions',
  method: 'GET',
  path: '/api/2.0/mlflow/model-versions/search',
  request: z.object({
    filter: z.string().optional(),
    maxResults: z
      .int()
      .max(SEARCH_MODEL_VERSIONS_MAX_RESULTS)
      .default(SEARCH_MODEL_VERSIONS_MAX_RESULTS),
    orderBy: z.array(z.string()).default([]),
    pageToken: z.string().optional(),
  }),
  response: z.object({
    modelVersions: z.array(modelVersionSchema).default([]),
    nextPageToken: z.string().optional(),
  }),
})

/** The request of `searchModelVersions`, camelCase. */
export type SearchModelVersionsRequest = EndpointRequest<typeof searchModelVersions>
/** The response of `searchModelVersions`, camelCase. */
export type SearchModelVersionsResponse = EndpointResponse<typeof searchModelVersions>
