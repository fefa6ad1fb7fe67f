import { z } from 'zod'
import { registeredModelSchema } from '../../entities/registry/registered-model.ts'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'

/** The largest `max_results` of `registered-models/search`. */
export const SEARCH_REGISTERED_MODELS_MAX_RESULTS = 1000

/**
 * `GET /api/2.0/mlflow/registered-models/search`: a page of registered models matching
 * `filter` (`name`, `tags.<key>`), ordered by `order_by` (`name`, `timestamp`,
 * `last_updated_timestamp`; `name ASC` breaks ties). Prompts (models tagged
 * `mlflow.prompt.is_prompt = 'true'`) only appear when the filter asks for them. Default page
 * size 100, at most 1000.
 *
 * @example
 * searchRegisteredModels.request.parse({ filter: "name LIKE 'qa%'", max_results: '10' })
 */
export const searchRegisteredModels = defineEndpoint({
  rpc: 'SearchRegisteredModels',
  method: 'GET',
  path: '/api/2.0/mlflow/registered-models/search',
  request: z.object({
    filter: z.string().optional(),
    maxResults: z.int().max(SEARCH_REGISTERED_MODELS_MAX_RESULTS).default(100),
    orderBy: z.array(z.string()).default([]),
    pageToken: z.string().optional(),
  }),
  response: z.object({
    registeredModels: z.array(registeredModelSchema).default([]),
    nextPageToken: z.string().optional(),
  }),
})

/** The request of `searchRegisteredModels`, camelCase. */
export type SearchRegisteredModelsRequest = EndpointRequest<typeof searchRegisteredModels>
/** The response of `searchRegisteredModels`, camelCase. */
export type SearchRegisteredModelsResponse = EndpointResponse<typeof searchRegisteredModels>
