/**
 * @module endpoint-io
 * Reading and writing an endpoint's requests and responses: the server parses requests and
 * encodes responses, the client encodes requests and decodes responses.
 */
import { MlflowError } from '../errors/mlflow-error.ts'
import { requestValidationError } from '../errors/request-validation-error.ts'
import { queryToWire } from '../wire/query.ts'
import { toWire } from '../wire/to-wire.ts'
import type { WireObject } from '../wire/wire-value.ts'
import type {
  AnyEndpoint,
  EndpointRequest,
  EndpointRequestInput,
  EndpointResponse,
} from './endpoint.ts'

/** The outcome of {@link safeParseRequest}. */
export type ParseRequestResult<E extends AnyEndpoint> =
  | { success: true; data: EndpointRequest<E> }
  | { success: false; error: MlflowError }

/**
 * Reads a request as the server receives it (the JSON body, or `queryFields` of the query
 * string, with path parameters merged in) into its camelCase form, or an
 * `INVALID_PARAMETER_VALUE` error worded like MLflow's.
 *
 * @example
 * const result = safeParseRequest(getRun, { run_id: 'a1' })
 * if (result.success) result.data.runId // 'a1'
 */
export function safeParseRequest<E extends AnyEndpoint>(
  endpoint: E,
  input: unknown,
): ParseRequestResult<E> {
  const result = endpoint.request.safeParse(input)
  if (result.success) return { success: true, data: result.data as EndpointRequest<E> }
  return { success: false, error: requestValidationError(result.error, input) }
}

/**
 * Like {@link safeParseRequest}, but throws the `MlflowError`.
 *
 * @example
 * parseRequest(createExperiment, { name: 'e1' }) // { name: 'e1', tags: [] }
 */
export function parseRequest<E extends AnyEndpoint>(
  endpoint: E,
  input: unknown,
): EndpointRequest<E> {
  const result = safeParseRequest(endpoint, input)
  if (!result.success) throw result.error
  return result.data
}

/**
 * The request fields of a GET query string, as MLflow reads them (repeated fields take every
 * occurrence); pass the result to {@link parseRequest}.
 *
 * @example
 * queryFields(getMetricHistoryBulkInterval, new URL(url).searchParams)
 * // { run_ids: ['a1', 'b2'], metric_key: 'score' }
 */
export function queryFields(endpoint: AnyEndpoint, params: URLSearchParams): WireObject {
  return queryToWire(params, endpoint.request.out)
}

/**
 * Writes a camelCase request as MLflow's snake_case JSON (defaults applied, then validated);
 * for GET endpoints pass the result to `wireToQuery`.
 *
 * @example
 * encodeRequest(logMetric, { runId: 'a1', key: 'loss', value: Number.NaN, timestamp: 5 })
 * // { run_id: 'a1', run_uuid: 'a1', key: 'loss', value: 'NaN', timestamp: 5, step: 0 }
 */
export function encodeRequest<E extends AnyEndpoint>(
  endpoint: E,
  request: EndpointRequestInput<E>,
): WireObject {
  const schema = endpoint.request.out
  return toWire(schema, schema.parse(request)) as WireObject
}

/**
 * Writes a camelCase response as MLflow's snake_case JSON, validated on the way (the same
 * result as `z.encode(endpoint.response, response)`, several times faster on long lists).
 *
 * @example
 * encodeResponse(createExperiment, { experimentId: '1' }) // { experiment_id: '1' }
 */
export function encodeResponse<E extends AnyEndpoint>(
  endpoint: E,
  response: EndpointResponse<E>,
): WireObject {
  const schema = endpoint.response.out
  return toWire(schema, schema.parse(response)) as WireObject
}

/**
 * Reads an endpoint's JSON response into its camelCase form. A body that does not fit throws
 * an `INTERNAL_ERROR` `MlflowError` naming the endpoint, with the zod error as `cause`.
 *
 * @example
 * decodeResponse(createExperiment, { experiment_id: '1' }) // { experimentId: '1' }
 */
export function decodeResponse<E extends AnyEndpoint>(
  endpoint: E,
  json: unknown,
): EndpointResponse<E> {
  const result = endpoint.response.safeParse(json)
  if (result.success) return result.data as EndpointResponse<E>
  throw new MlflowError({
    errorCode: 'INTERNAL_ERROR',
    message: `Unexpected response from ${endpoint.path}: ${result.error.message}`,
    cause: result.error,
  })
}
