import { z } from 'zod'
import { loggedModelSchema } from '../../entities/logged-models/logged-model.ts'
import {
  LOGGED_MODEL_STATUS_NUMBERS,
  type LoggedModelStatus,
  loggedModelStatusFromNumber,
  loggedModelStatusSchema,
} from '../../entities/logged-models/logged-model-status.ts'
import { defineEndpoint, type EndpointRequest, type EndpointResponse } from '../endpoint.ts'
import { requiredString } from '../request-fields.ts'

/**
 * Reads `status` as MLflow 3.17's server does: a status name, or a number (also as text, a
 * fraction truncated, a boolean as 0/1); unknown names and numbers read as
 * `LOGGED_MODEL_STATUS_UNSPECIFIED` rather than failing.
 */
function readStatus(value: string | number | boolean): LoggedModelStatus {
  if (typeof value === 'boolean') return loggedModelStatusFromNumber(value ? 1 : 0)
  if (typeof value === 'number') return loggedModelStatusFromNumber(Math.trunc(value))
  if (Object.hasOwn(LOGGED_MODEL_STATUS_NUMBERS, value)) return value as LoggedModelStatus
  const number = /^[+-]?\d+$/.test(value.trim()) ? Number(value) : Number.NaN
  return loggedModelStatusFromNumber(number)
}

/** The `status` of a finalize request: lenient on the way in, a status name on the way out. */
const finalizeStatusSchema = z.codec(
  z.union([z.string(), z.number(), z.boolean()]),
  loggedModelStatusSchema,
  { decode: readStatus, encode: (status) => status },
)

/**
 * `PATCH /api/2.0/mlflow/logged-models/{model_id}`: "finalizes" a model, setting its status
 * (the Python client sends `LOGGED_MODEL_READY` after uploading the files, or
 * `LOGGED_MODEL_UPLOAD_FAILED`) and its last-updated time. Works on deleted models too.
 *
 * @example
 * finalizeLoggedModel.request.parse({
 *   model_id: 'm-0123456789abcdef0123456789abcdef',
 *   status: 'LOGGED_MODEL_READY',
 * })
 */
export const finalizeLoggedModel = defineEndpoint({
  rpc: 'FinalizeLoggedModel',
  method: 'PATCH',
  path: '/api/2.0/mlflow/logged-models/{model_id}',
  request: z.object({ modelId: requiredString(), status: finalizeStatusSchema }),
  response: z.object({ model: loggedModelSchema }),
})

/** The request of `finalizeLoggedModel`, camelCase. */
export type FinalizeLoggedModelRequest = EndpointRequest<typeof finalizeLoggedModel>
/** The response of `finalizeLoggedModel`, camelCase. */
export type FinalizeLoggedModelResponse = EndpointResponse<typeof finalizeLoggedModel>
