import { z } from 'zod'
import { experimentSchema } from '../../entities/experiment.ts'
import { viewTypeSchema } from '../../entities/view-type.ts'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'

/**
 * `POST /api/2.0/mlflow/experiments/search` (also GET with a query string): a page of
 * experiments matching `filter` (attributes `name`, `creation_time`, `last_update_time`;
 * `tags.<key>`), ordered by `orderBy` (default `creation_time DESC, experiment_id ASC`).
 *
 * The proto gives `max_results` no default, and the reference store rejects the 0 it then
 * reads; clients always send it (Python: 1000), so an absent value reads as 1000 here. The
 * store checks its range (1..50000).
 *
 * @example
 * searchExperiments.request.parse({ max_results: 1000, view_type: 'ALL' })
 * // { viewType: 'ALL', maxResults: 1000, orderBy: [] }
 */
export const searchExperiments = defineEndpoint({
  rpc: 'SearchExperiments',
  method: 'POST',
  methods: ['POST', 'GET'],
  path: '/api/2.0/mlflow/experiments/search',
  request: z.object({
    viewType: viewTypeSchema.default('ACTIVE_ONLY'),
    maxResults: z.int().default(1000),
    orderBy: z.array(z.string()).default([]),
    filter: z.string().optional(),
    pageToken: z.string().optional(),
  }),
  response: z.object({
    experiments: z.array(experimentSchema).default([]),
    nextPageToken: z.string().optional(),
  }),
})

/** The request of `searchExperiments`, camelCase. */
export type SearchExperimentsRequest = EndpointRequest<typeof searchExperiments>
/** The response of `searchExperiments`, camelCase. */
export type SearchExperimentsResponse = EndpointResponse<typeof searchExperiments>
