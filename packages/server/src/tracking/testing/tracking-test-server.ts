/**
 * @module tracking-test-server
 * Test helpers for the tracking server: an app over in-memory SQLite stores and a temporary
 * local artifact folder, and calls that build requests from endpoint descriptors and check
 * answers against the endpoints' response schemas (or MLflow's error body).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  type AnyEndpoint,
  decodeResponse,
  type EndpointResponse,
  type ErrorBody,
  errorBodySchema,
  fillPath,
  type WireObject,
  wireToQuery,
} from '@dspyflow/mlflow/protocol'
import type { Hono } from 'hono'
import type { ArtifactStore } from '../../artifacts/artifact-store.ts'
import { createLocalArtifactStore } from '../../artifacts/local/local-artifact-store.ts'
import type { BackendStores } from '../../stores/backend-stores.ts'
import { createSqliteBackendStores } from '../../stores/sqlite/sqlite-tracking-store.ts'
import type { TrackingStore } from '../../stores/tracking-store.ts'
import {
  type CreateTrackingServerOptions,
  createTrackingServer,
} from '../create-tracking-server.ts'

/** A test app with its stores. */
export interface TrackingTestServer {
  app: Hono
  trackingStore: TrackingStore
  /** Every backend store, on one in-memory SQLite database. */
  stores: BackendStores
  artifactStore: ArtifactStore
  /** The artifact destination folder. */
  artifactRoot: string
  /** A temporary folder for the test's own files (removed by `close`). */
  scratch: string
  close(): Promise<void>
}

/**
 * Creates a tracking app on fresh stores; pass server options to override (`artifactStore:
 * undefined` and `serveArtifacts: false` for a server without the proxy).
 *
 * @example
 * const server = await createTrackingTestServer()
 * const response = await server.app.request('/health')
 * await server.close()
 */
export async function createTrackingTestServer(
  options: Partial<CreateTrackingServerOptions> = {},
): Promise<TrackingTestServer> {
  const scratch = await mkdtemp(join(tmpdir(), 'dspyflow-tracking-'))
  let clock = 1_700_000_000_000
  const { default: Database } = await import('better-sqlite3')
  const stores = await createSqliteBackendStores({
    database: new Database(':memory:'),
    now: () => (clock += 1),
  })
  const { trackingStore } = stores
  const artifactRoot = join(scratch, 'mlartifacts')
  const artifactStore = createLocalArtifactStore({ root: artifactRoot })
  const app = createTrackingServer({
    trackingStore,
    registryStore: stores.registryStore,
    loggedModelStore: stores.loggedModelStore,
    traceStore: stores.traceStore,
    assessmentStore: stores.assessmentStore,
    artifactStore,
    ...options,
  })
  return {
    app,
    trackingStore,
    stores,
    artifactStore,
    artifactRoot,
    scratch,
    async close() {
      await stores.close()
      await artifactStore.close()
      await rm(scratch, { recursive: true, force: true })
    },
  }
}

/** Options of {@link callEndpoint}. */
export interface CallEndpointOptions {
  /** Default: the endpoint's client method. */
  method?: string
  /** Use the `/ajax-api/` mirror. */
  ajax?: boolean
  headers?: Record<string, string>
}

/**
 * Sends a wire (snake_case) request to an endpoint: path parameters filled in, GET fields in the
 * query string, others as a JSON body.
 *
 * @example
 * const response = await callEndpoint(app, getRun, { run_id: runId })
 */
export function callEndpoint(
  app: Hono,
  endpoint: AnyEndpoint,
  request: WireObject = {},
  options: CallEndpointOptions = {},
): Promise<Response> {
  const method = options.method ?? endpoint.method
  const pathParams: Record<string, string> = {}
  const fields: WireObject = {}
  for (const [key, value] of Object.entries(request)) {
    if (endpoint.pathParams.includes(key)) pathParams[key] = String(value)
    else fields[key] = value
  }
  let url = fillPath(options.ajax ? endpoint.ajaxPath : endpoint.path, pathParams)
  const init: RequestInit = { method, headers: { ...options.headers } }
  if (method === 'GET') {
    const query = wireToQuery(fields).toString()
    if (query !== '') url += `?${query}`
  } else {
    init.body = JSON.stringify(fields)
    init.headers = { 'content-type': 'application/json', ...options.headers }
  }
  return Promise.resolve(app.request(url, init))
}

/**
 * Asserts a `200 application/json` answer that fits the endpoint's response schema, and returns
 * it decoded (camelCase).
 *
 * @example
 * const { run } = await expectResponse(getRun, await callEndpoint(app, getRun, { run_id }))
 */
export async function expectResponse<E extends AnyEndpoint>(
  endpoint: E,
  response: Response,
): Promise<EndpointResponse<E>> {
  const text = await response.text()
  if (response.status !== 200) {
    throw new Error(`${endpoint.rpc}: expected 200, got ${response.status}: ${text}`)
  }
  if (!response.headers.get('content-type')?.startsWith('application/json')) {
    throw new Error(`${endpoint.rpc}: not JSON: ${response.headers.get('content-type')}`)
  }
  return decodeResponse(endpoint, JSON.parse(text))
}

/**
 * Asserts MLflow's JSON error answer with the given status and code; returns the body.
 *
 * @example
 * await expectError(response, 404, 'RESOURCE_DOES_NOT_EXIST')
 */
export async function expectError(
  response: Response,
  status: number,
  errorCode: string,
): Promise<ErrorBody> {
  const text = await response.text()
  if (response.status !== status) {
    throw new Error(`expected ${status} ${errorCode}, got ${response.status}: ${text}`)
  }
  if (!response.headers.get('content-type')?.startsWith('application/json')) {
    throw new Error(`error answer is not JSON: ${text}`)
  }
  const body = errorBodySchema.parse(JSON.parse(text))
  if (body.error_code !== errorCode) {
    throw new Error(`expected ${errorCode}, got ${body.error_code}: ${body.message}`)
  }
  return body
}
