import { z } from 'zod'
import { runSchema } from '../../entities/run.ts'
import { viewTypeSchema } from '../../entities/view-type.ts'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'

/** The largest `max_results` of `runs/search`. */
export const SEARCH_RUNS_MAX_RESULTS = 50000

/**
 * `POST /api/2.0/mlflow/runs/search`: a page of runs of the given experiments matching
 * `filter` (see the search grammar), ordered by `orderBy` (default `start_time DESC`, then
 * `run_id`). Defaults as in the proto: `ACTIVE_ONLY`, 1000 results (at most 50000).
 *
 * @example
 * searchRuns.request.parse({
 *   experiment_ids: ['1'],
 *   filter: "tags.mlflow.parentRunId = 'a1'",
 *   max_results: 1000,
 *   order_by: ['metrics.score DESC'],
 * })
 */
export const searchRuns = defineEndpoint({
  rpc: 'SearchRuns',
  method: 'POST',
  path: '/api/2.0/mlflow/runs/search',
  request: z.object({
    experimentIds: z.array(z.string()).default([]),
    filter: z.string().optional(),
    maxResults: z.int().max(SEARCH_RUNS_MAX_RESULTS).default(1000),
    orderBy: z.array(z.string()).default([]),
    runViewType: viewTypeSchema.default('ACTIVE_ONLY'),
    pageToken: z.string().optional(),
  }),
  response: z.object({
    runs: z.array(runSchema).default([]),
    nextPageToken: z.string().optional(),
  }),
})

/** The request of `searchRuns`, camelCase. */
export type SearchRunsRequest = EndpointRequest<typeof searchRuns>
/** The response of `searchRuns`, camelCase. */
export type SearchRunsResponse = EndpointResponse<typeof searchRuns>
