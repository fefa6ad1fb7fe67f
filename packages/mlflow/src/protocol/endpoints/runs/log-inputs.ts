import { z } from 'zod'
import { datasetInputSchema } from '../../entities/dataset-input.ts'
import { modelInputSchema } from '../../entities/run-inputs.ts'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { emptyResponseSchema, requiredString } from '../request-fields.ts'

/**
 * `POST /api/2.0/mlflow/runs/log-inputs`: links datasets (with input tags such as
 * `mlflow.data.context`) and, in MLflow 3, logged models to an active run. A dataset is reused
 * per experiment by `(name, digest)`; linking it to the same run again is a no-op.
 *
 * @example
 * logInputs.request.parse({
 *   run_id: 'a1',
 *   datasets: [{
 *     tags: [{ key: 'mlflow.data.context', value: 'training' }],
 *     dataset: { name: 'train', digest: '1a2b3c4d', source_type: 'code', source: '{}' },
 *   }],
 * })
 */
export const logInputs = defineEndpoint({
  rpc: 'LogInputs',
  method: 'POST',
  path: '/api/2.0/mlflow/runs/log-inputs',
  request: z.object({
    runId: requiredString(),
    datasets: z.array(datasetInputSchema).default([]),
    models: z.array(modelInputSchema).default([]),
  }),
  response: emptyResponseSchema,
})

/** The request of `logInputs`, camelCase. */
export type LogInputsRequest = EndpointRequest<typeof logInputs>
/** The response of `logInputs`, camelCase. */
export type LogInputsResponse = EndpointResponse<typeof logInputs>
