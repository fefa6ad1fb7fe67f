import { z } from 'zod'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { emptyResponseSchema, requiredString } from '../request-fields.ts'

/**
 * `POST /api/2.0/mlflow/runs/log-model`: appends an MLmodel (as JSON text) to the run tag
 * `mlflow.log-model.history`. Legacy (MLflow 2 style) model logging.
 *
 * @example
 * logModel.request.parse({ run_id: 'a1', model_json: '{"artifact_path": "model"}' })
 */
export const logModel = defineEndpoint({
  rpc: 'LogModel',
  method: 'POST',
  path: '/api/2.0/mlflow/runs/log-model',
  request: z.object({ runId: requiredString(), modelJson: requiredString() }),
  response: emptyResponseSchema,
})

/** The request of `logModel`, camelCase. */
export type LogModelRequest = EndpointRequest<typeof logModel>
/** The response of `logModel`, camelCase. */
export type LogModelResponse = EndpointResponse<typeof logModel>
