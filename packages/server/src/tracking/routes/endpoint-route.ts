/**
 * @module endpoint-route
 * Routes generated from the protocol's endpoint descriptors: each descriptor is mounted for each
 * of its methods, under its `/api/...` path and its `/ajax-api/...` mirror. A JSON route only
 * maps a parsed camelCase request to a camelCase response; reading fields, validating them with
 * MLflow's wording and encoding the answer happen here, once.
 */
import {
  type AnyEndpoint,
  type EndpointRequest,
  type EndpointResponse,
  encodeResponse,
  printJsonBigIntSafe,
  safeParseRequest,
} from '@dspyflow/mlflow/protocol'
import type { Context, Hono } from 'hono'
import { readRequestFields } from '../middleware/request-fields.ts'
import type { TrackingRouteServices } from './route-services.ts'

/** One endpoint and the handler that answers it. */
export interface EndpointRoute {
  readonly endpoint: AnyEndpoint
  readonly handle: (context: Context, services: TrackingRouteServices) => Promise<Response>
}

/**
 * A route whose handler receives the parsed request and returns the response object; the
 * answer is `200 application/json` in MLflow's wire form.
 *
 * @example
 * defineJsonRoute(getRun, async ({ runId }, { trackingStore }) => ({
 *   run: await trackingStore.getRunOrThrow({ runId }),
 * }))
 */
export function defineJsonRoute<E extends AnyEndpoint>(
  endpoint: E,
  handler: (
    request: EndpointRequest<E>,
    services: TrackingRouteServices,
  ) => Promise<EndpointResponse<E>>,
): EndpointRoute {
  return {
    endpoint,
    async handle(context, services) {
      const request = await parseEndpointRequest(endpoint, context, services)
      return jsonResponse(endpoint, await handler(request, services))
    },
  }
}

/**
 * A route that answers with its own `Response` (file downloads, streamed uploads).
 *
 * @example
 * defineRawRoute(downloadArtifact, async (context, services) => new Response('bytes'))
 */
export function defineRawRoute(
  endpoint: AnyEndpoint,
  handle: (context: Context, services: TrackingRouteServices) => Promise<Response>,
): EndpointRoute {
  return { endpoint, handle }
}

/**
 * Reads and validates an endpoint's request: query string, JSON body and path parameters.
 *
 * @throws MlflowError `INVALID_PARAMETER_VALUE` with MLflow's message.
 * @example
 * const { runId } = await parseEndpointRequest(getRun, context, services)
 */
export async function parseEndpointRequest<E extends AnyEndpoint>(
  endpoint: E,
  context: Context,
  services: TrackingRouteServices,
): Promise<EndpointRequest<E>> {
  const fields = await readRequestFields({
    context,
    endpoint,
    maxRequestBytes: services.maxRequestBytes,
  })
  const result = safeParseRequest(endpoint, fields)
  if (!result.success) throw result.error
  return result.data
}

/**
 * The `200 application/json` answer of an endpoint. A response that does not fit the endpoint's
 * schema is a server bug: it throws a plain `Error` (answered 500, logged).
 *
 * @example
 * return jsonResponse(createExperiment, { experimentId: '1' })
 */
export function jsonResponse<E extends AnyEndpoint>(
  endpoint: E,
  response: EndpointResponse<E>,
): Response {
  let wire: ReturnType<typeof encodeResponse>
  try {
    wire = encodeResponse(endpoint, response)
  } catch (error) {
    throw new Error(`The ${endpoint.rpc} response does not match its schema`, { cause: error })
  }
  return new Response(printJsonBigIntSafe(wire), {
    status: 200,
    headers: { 'content-type': 'application/json' },
  })
}

/**
 * The Hono path of an endpoint path: `{name}` → `:name`; a parameter named `…_path` takes the
 * rest of the URL, slashes included.
 *
 * @example
 * honoPath('/api/2.0/mlflow-artifacts/artifacts/{artifact_path}')
 * // '/api/2.0/mlflow-artifacts/artifacts/:artifact_path{.+}'
 */
export function honoPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, (_match, name: string) =>
    name.endsWith('_path') ? `:${name}{.+}` : `:${name}`,
  )
}

/** Options of {@link mountEndpointRoutes}. */
export interface MountEndpointRoutesOptions {
  app: Hono
  routes: readonly EndpointRoute[]
  services: TrackingRouteServices
}

/**
 * Registers each route for each of its endpoint's methods, under `path` and `ajaxPath`.
 *
 * @example
 * mountEndpointRoutes({ app, routes: [...experimentRoutes, ...runRoutes], services })
 */
export function mountEndpointRoutes(options: MountEndpointRoutesOptions): void {
  const { app, routes, services } = options
  for (const route of routes) {
    const { endpoint } = route
    const paths = [...new Set([endpoint.path, endpoint.ajaxPath])].map(honoPath)
    for (const path of paths) {
      app.on([...endpoint.methods], path, (context) => route.handle(context, services))
    }
  }
}
