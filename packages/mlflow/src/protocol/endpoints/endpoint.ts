import type { z } from 'zod'
import { type WireCodec, wireCodec } from '../wire/wire-codec.ts'

/** The HTTP methods MLflow's REST API uses. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/**
 * Where an endpoint's request fields come from besides path parameters: the query string
 * (GET), a JSON body, or nothing but raw bytes (artifact upload).
 */
export type RequestBody = 'query' | 'json' | 'bytes'

/**
 * One REST endpoint, described once for the server (routing, validation), the client (URL,
 * encoding) and the UI (types). `request` and `response` are wire codecs: they read MLflow's
 * snake_case JSON into camelCase values and, with `z.encode`, write them back.
 */
export interface Endpoint<Request extends z.ZodType, Response extends z.ZodType> {
  /** The RPC name in MLflow's protos, e.g. `CreateExperiment`. */
  readonly rpc: string
  /** The method the official clients send. */
  readonly method: HttpMethod
  /** Every method the reference server answers on this path (GET reads the query string). */
  readonly methods: readonly HttpMethod[]
  /** The REST path, with `{name}` placeholders for path parameters. */
  readonly path: string
  /** The same endpoint under `/ajax-api/`, which the web UI uses. */
  readonly ajaxPath: string
  /** snake_case names of the path parameters, which join the request fields. */
  readonly pathParams: readonly string[]
  /** Where request fields come from when the client's `method` is used. */
  readonly requestBody: RequestBody
  /** `bytes` when the response is a file rather than JSON. */
  readonly responseBody: 'json' | 'bytes'
  readonly request: WireCodec<Request>
  readonly response: WireCodec<Response>
}

/**
 * Declares an endpoint from camelCase request and response schemas.
 *
 * @example
 * export const getExperiment = defineEndpoint({
 *   rpc: 'GetExperiment',
 *   method: 'GET',
 *   path: '/api/2.0/mlflow/experiments/get',
 *   request: z.object({ experimentId: requiredString() }),
 *   response: z.object({ experiment: experimentSchema }),
 * })
 */
export function defineEndpoint<Request extends z.ZodType, Response extends z.ZodType>(options: {
  rpc: string
  method: HttpMethod
  methods?: readonly HttpMethod[]
  path: string
  requestBody?: RequestBody
  responseBody?: 'json' | 'bytes'
  request: Request
  response: Response
}): Endpoint<Request, Response> {
  return {
    rpc: options.rpc,
    method: options.method,
    methods: options.methods ?? [options.method],
    path: options.path,
    ajaxPath: options.path.replace(/^\/api\//, '/ajax-api/'),
    pathParams: [...options.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string),
    requestBody: options.requestBody ?? (options.method === 'GET' ? 'query' : 'json'),
    responseBody: options.responseBody ?? 'json',
    request: wireCodec(options.request),
    response: wireCodec(options.response),
  }
}

/** Any endpoint. */
export type AnyEndpoint = Endpoint<z.ZodType, z.ZodType>

/** The camelCase request type of an endpoint, after defaults. */
export type EndpointRequest<E extends AnyEndpoint> = z.output<E['request']>

/** The camelCase request an endpoint accepts before defaults (what a client passes). */
export type EndpointRequestInput<E extends AnyEndpoint> = z.input<E['request']['out']>

/** The camelCase response type of an endpoint. */
export type EndpointResponse<E extends AnyEndpoint> = z.output<E['response']>

/**
 * Fills an endpoint path's `{name}` placeholders. Each `/`-separated segment of a value is
 * URI-encoded and the slashes are kept, so artifact paths stay paths.
 *
 * @example
 * fillPath('/api/2.0/mlflow-artifacts/artifacts/{artifact_path}', {
 *   artifact_path: '1/abc/artifacts/my model.json',
 * })
 * // '/api/2.0/mlflow-artifacts/artifacts/1/abc/artifacts/my%20model.json'
 */
export function fillPath(path: string, params: Readonly<Record<string, string>>): string {
  return path.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = params[name]
    if (value === undefined) throw new TypeError(`Missing path parameter '${name}'`)
    return value.split('/').map(encodeURIComponent).join('/')
  })
}
