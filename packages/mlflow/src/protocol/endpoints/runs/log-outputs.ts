import { z } from 'zod'
import { modelOutputSchema } from '../../entities/run-outputs.ts'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { emptyResponseSchema, requiredString } from '../request-fields.ts'

/**
 * `POST /api/2.0/mlflow/runs/outputs`: records the logged models a run produced (MLflow 3
 * `log_model` calls it when a run is active).
 *
 * @example
 * logOutputs.request.parse({
 *   run_id: 'a1',
 *   models: [{ model_id: 'm-0123456789abcdef0123456789abcdef', step: 0 }],
 * })
 */
export const logOutputs = defineEndpoint({
  rpc: 'LogOutputs',
  method: 'POST',
  path: '/api/2.0/mlflow/runs/outputs',
  request: z.object({ runId: requiredString(), models: z.array(modelOutputSchema) }),
  response: emptyResponseSchema,
})

/** The request of `logOutputs`, camelCase. */
export type LogOutputsRequest = EndpointRequest<typeof logOutputs>
/** The response of `logOutputs`, camelCase. */
export type LogOutputsResponse = EndpointResponse<typeof logOutputs>
