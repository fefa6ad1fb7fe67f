import { z } from 'zod'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { emptyResponseSchema, requiredString } from '../request-fields.ts'

/**
 * `POST /api/2.0/mlflow/experiments/set-experiment-tag`: sets (upserts) a tag of an active
 * experiment. An absent `value` is the empty string.
 *
 * @example
 * setExperimentTag.request.parse({ experiment_id: '1', key: 'mlflow.note.content', value: 'x' })
 */
export const setExperimentTag = defineEndpoint({
  rpc: 'SetExperimentTag',
  method: 'POST',
  path: '/api/2.0/mlflow/experiments/set-experiment-tag',
  request: z.object({
    experimentId: requiredString(),
    key: requiredString(),
    value: z.string().default(''),
  }),
  response: emptyResponseSchema,
})

/** The request of `setExperimentTag`, camelCase. */
export type SetExperimentTagRequest = EndpointRequest<typeof setExperimentTag>
/** The response of `setExperimentTag`, camelCase. */
export type SetExperimentTagResponse = EndpointResponse<typeof setExperimentTag>
