import { z } from 'zod'
import { datasetSummarySchema } from '../../entities/dataset-summary.ts'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { mlflowMessage } from '../request-fields.ts'

const maxExperimentIds = 20

/**
 * `POST /ajax-api/2.0/mlflow/experiments/search-datasets` (UI only; the proto's `/api` path
 * lacks a slash and is unreachable): the datasets logged in 1 to 20 experiments.
 *
 * @example
 * searchDatasets.request.parse({ experiment_ids: ['1'] }) // { experimentIds: ['1'] }
 */
export const searchDatasets = defineEndpoint({
  rpc: 'SearchDatasets',
  method: 'POST',
  path: '/ajax-api/2.0/mlflow/experiments/search-datasets',
  request: z.object({
    experimentIds: z
      .array(z.string())
      .default([])
      .check((context) => {
        const count = context.value.length
        if (count >= 1 && count <= maxExperimentIds) return
        context.issues.push({
          code: 'custom',
          input: context.value,
          message:
            count === 0
              ? 'SearchDatasets request must specify at least one experiment_id.'
              : `SearchDatasets request cannot specify more than ${maxExperimentIds} ` +
                `experiment_ids. Received ${count} experiment_ids.`,
          params: mlflowMessage('verbatim'),
        })
      }),
  }),
  response: z.object({ datasetSummaries: z.array(datasetSummarySchema).default([]) }),
})

/** The request of `searchDatasets`, camelCase. */
export type SearchDatasetsRequest = EndpointRequest<typeof searchDatasets>
/** The response of `searchDatasets`, camelCase. */
export type SearchDatasetsResponse = EndpointResponse<typeof searchDatasets>
