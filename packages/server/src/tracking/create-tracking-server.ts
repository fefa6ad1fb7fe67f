/**
 * @module create-tracking-server
 * The MLflow-compatible tracking server as a Hono app: the REST API (experiments, runs, metrics,
 * artifact listing) under `/api/2.0/mlflow/` and `/ajax-api/2.0/mlflow/`, the `mlflow-artifacts`
 * proxy, `/health`, `/version` and the UI, behind MLflow 3's security middleware (Host check,
 * CORS rules, security headers) and a request log. Stores are passed in; the app owns nothing
 * and closes nothing (see `startTrackingServer` for listening and shutdown).
 */
import { Hono } from 'hono'
import type { ArtifactStore } from '../artifacts/artifact-store.ts'
import { openArtifactStore } from '../artifacts/registry.ts'
import type { AssessmentStore } from '../stores/assessments/assessment-store.ts'
import type { LoggedModelStore } from '../stores/logged-models/logged-model-store.ts'
import type { RegistryStore } from '../stores/registry/registry-store.ts'
import type { TraceStore } from '../stores/traces/trace-store.ts'
import type { TrackingStore } from '../stores/tracking-store.ts'
import { silentLogger, type TrackingServerLogger } from './logger.ts'
import { cors } from './middleware/cors.ts'
import { createErrorHandler } from './middleware/error-response.ts'
import { defaultAllowedHosts, hostCheck } from './middleware/host-check.ts'
import { notFoundHandler } from './middleware/not-found.ts'
import { rawPathGuard } from './middleware/raw-path-guard.ts'
import { DEFAULT_MAX_REQUEST_BYTES } from './middleware/read-body.ts'
import { requestLog } from './middleware/request-log.ts'
import { securityHeaders } from './middleware/security-headers.ts'
import { artifactProxyRoutes } from './routes/artifact-proxy.ts'
import { assessmentRoutes } from './routes/assessments.ts'
import { artifactRoutes } from './routes/artifacts.ts'
import { mountEndpointRoutes } from './routes/endpoint-route.ts'
import { experimentRoutes } from './routes/experiments.ts'
import { loggedModelRoutes } from './routes/logged-models.ts'
import { metricRoutes } from './routes/metrics.ts'
import { mountOtlpRoutes } from './routes/otlp.ts'
import { registryRoutes } from './routes/registry.ts'
import { runRoutes } from './routes/runs.ts'
import type { OpenArtifactStore, TrackingRouteServices } from './routes/route-services.ts'
import { mountServerInfoRoutes } from './routes/server-info.ts'
import { traceRoutes } from './routes/traces.ts'
import { mountUi } from './ui/mount-ui.ts'

/** Options of {@link createTrackingServer}. */
export interface CreateTrackingServerOptions {
  trackingStore: TrackingStore
  /**
   * The other stores of the backend database (registry, logged models, traces, assessments),
   * e.g. from `openSqliteBackendStores`. Routes of a missing store answer a non-JSON 404.
   */
  registryStore?: RegistryStore
  loggedModelStore?: LoggedModelStore
  traceStore?: TraceStore
  assessmentStore?: AssessmentStore
  /**
   * The `--artifacts-destination` store behind `mlflow-artifacts:/` and the proxy routes.
   * Required while `serveArtifacts` is on.
   */
  artifactStore?: ArtifactStore
  /** The root of new experiments' artifact locations, as the tracking store was opened with. */
  defaultArtifactRoot?: string
  /** Serve the `mlflow-artifacts` proxy (default: true when `artifactStore` is given). */
  serveArtifacts?: boolean
  /** `Host` patterns (default: MLflow 3's localhost and private-network list); `['*']` = any. */
  allowedHosts?: readonly string[]
  /** The interface the server listens on; joins the default `allowedHosts`. */
  boundHost?: string
  /** Origins allowed besides localhost ones; `['*']` = any (no credentials). */
  corsAllowedOrigins?: readonly string[]
  /** Largest JSON request body in bytes (default 16 MiB; artifact uploads are not limited). */
  maxRequestBytes?: number
  /** Default: {@link silentLogger}. */
  logger?: TrackingServerLogger
  /** Prefix of every route, e.g. `/mlflow` (starts with `/`, no trailing `/`). */
  staticPrefix?: string
  /** The web UI build folder served at `/`; absent → a small built-in page. */
  staticDir?: string
  /** Leave out the Host check, the CORS rules and the security headers (MLflow's kill switch). */
  disableSecurityMiddleware?: boolean
  /** `X-Frame-Options` value (default `SAMEORIGIN`; `NONE` to omit). */
  xFrameOptions?: string
  /** Opens stores for runs whose artifacts are not proxied (default: the artifact registry). */
  openArtifactStore?: OpenArtifactStore
  /** Millisecond clock of the request log (default `performance.now`). */
  now?: () => number
}

/**
 * Builds the tracking server app. Test it in-process with `app.request()`, serve it with
 * `startTrackingServer`.
 *
 * @throws TypeError for a malformed `staticPrefix`, or `serveArtifacts` without `artifactStore`.
 * @example
 * const trackingStore = await openSqliteTrackingStore({ path: 'mlflow.db' })
 * const artifactStore = await openArtifactStore({ uri: './mlartifacts' })
 * const app = createTrackingServer({ trackingStore, artifactStore })
 * const response = await app.request('/api/2.0/mlflow/experiments/get?experiment_id=0')
 * await response.json() // { experiment: { experiment_id: '0', name: 'Default', ... } }
 */
export function createTrackingServer(options: CreateTrackingServerOptions): Hono {
  const staticPrefix = checkStaticPrefix(options.staticPrefix)
  const serveArtifacts = options.serveArtifacts ?? options.artifactStore !== undefined
  if (serveArtifacts && options.artifactStore === undefined) {
    throw new TypeError('serveArtifacts needs an artifactStore (the artifacts destination)')
  }
  const logger = options.logger ?? silentLogger
  if (!serveArtifacts && options.defaultArtifactRoot?.startsWith('mlflow-artifacts:')) {
    logger.warn({
      event: 'artifact-root-unreachable',
      message:
        `The default artifact root ${options.defaultArtifactRoot} needs the artifact proxy, ` +
        'which is disabled: clients cannot upload artifacts of new experiments.',
    })
  }
  const services: TrackingRouteServices = {
    trackingStore: options.trackingStore,
    registryStore: options.registryStore,
    loggedModelStore: options.loggedModelStore,
    traceStore: options.traceStore,
    assessmentStore: options.assessmentStore,
    artifacts: {
      proxyStore: serveArtifacts ? options.artifactStore : undefined,
      openStore: options.openArtifactStore ?? ((open) => openArtifactStore(open)),
    },
    maxRequestBytes: options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES,
  }

  const root = new Hono({ strict: false })
  root.onError(createErrorHandler({ logger }))
  root.notFound(notFoundHandler)
  root.use('*', requestLog({ logger, now: options.now }))
  if (options.disableSecurityMiddleware !== true) {
    mountSecurityMiddleware(root, options, staticPrefix)
  }
  root.use('*', rawPathGuard())

  const app = staticPrefix === '' ? root : root.basePath(staticPrefix)
  mountServerInfoRoutes({ app })
  mountOtlpRoutes({ app, services })
  mountEndpointRoutes({
    app,
    routes: [
      ...experimentRoutes,
      ...runRoutes,
      ...metricRoutes,
      ...artifactRoutes,
      ...artifactProxyRoutes,
      ...loggedModelRoutes,
      ...registryRoutes,
      ...traceRoutes,
      ...assessmentRoutes,
    ],
    services,
  })
  mountUi({ app, staticDir: options.staticDir, staticPrefix })
  return root
}

function mountSecurityMiddleware(
  root: Hono,
  options: CreateTrackingServerOptions,
  staticPrefix: string,
): void {
  root.use('*', securityHeaders({ xFrameOptions: options.xFrameOptions }))
  root.use(
    '*',
    hostCheck({
      allowedHosts: options.allowedHosts ?? defaultAllowedHosts({ boundHost: options.boundHost }),
      exemptPaths: [`${staticPrefix}/health`, `${staticPrefix}/version`],
    }),
  )
  root.use(
    '*',
    cors({
      allowedOrigins: options.corsAllowedOrigins ?? [],
      apiPrefixes: [`${staticPrefix}/api/`, `${staticPrefix}/ajax-api/`],
    }),
  )
}

function checkStaticPrefix(prefix: string | undefined): string {
  if (prefix === undefined || prefix === '') return ''
  if (!prefix.startsWith('/')) throw new TypeError("--static-prefix must begin with a '/'.")
  if (prefix.endsWith('/')) throw new TypeError("--static-prefix should not end with a '/'.")
  if (/[{}:*?#\s]/.test(prefix)) {
    throw new TypeError(`--static-prefix must be a plain path, got '${prefix}'.`)
  }
  return prefix
}
