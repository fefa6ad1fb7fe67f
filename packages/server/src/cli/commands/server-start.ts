/**
 * @module server-start
 * `dspyflow server` (and its alias `dspyflow ui`): migrates the backend store, opens the stores,
 * serves the tracking server and shuts it down gracefully on SIGTERM / SIGINT, with MLflow's
 * flags and defaults.
 */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ArtifactStore } from '../../artifacts/artifact-store.ts'
import { openArtifactStore } from '../../artifacts/registry.ts'
import {
  startTraceRetention,
  type TraceRetentionSchedule,
} from '../../stores/traces/trace-retention-scheduler.ts'
import { createTrackingServer } from '../../tracking/create-tracking-server.ts'
import { createJsonLogger, type TrackingServerLogger } from '../../tracking/logger.ts'
import {
  type RunningTrackingServer,
  startTrackingServer,
} from '../../tracking/start-tracking-server.ts'
import {
  DEFAULT_BACKEND_STORE_URI,
  migrateBackendStore,
  openBackendStores,
  parseBackendStoreUri,
  redactUri,
} from '../backend-store.ts'

/** The options of `dspyflow server`, as parsed from the command line. */
export interface ServerCommandOptions {
  backendStoreUri?: string
  defaultArtifactRoot?: string
  serveArtifacts?: boolean
  artifactsDestination?: string
  host?: string
  port?: number
  workers?: string
  staticPrefix?: string
  /** Comma-separated `Host` patterns. */
  allowedHosts?: string
  /** Comma-separated origins. */
  corsAllowedOrigins?: string
  xFrameOptions?: string
  disableSecurityMiddleware?: boolean
  /** The web UI build folder (default: `DSPYFLOW_STATIC_DIR`, else `packages/web/dist`). */
  staticDir?: string
  /** Delete traces older than this many days (at start, then every retention interval). */
  tracesRetentionDays?: number
  /** Keep at most this many traces per experiment, the newest. */
  tracesMaxCount?: number
  /** Minutes between retention runs (default 60). */
  tracesRetentionIntervalMinutes?: number
  /** Handle SIGTERM and SIGINT (default true). */
  handleSignals?: boolean
  logger?: TrackingServerLogger
}

/**
 * Starts the server; resolves once it listens.
 *
 * @throws TypeError for unusable options (backend URI, static prefix); store errors when the
 *   database cannot be migrated or opened.
 * @example
 * const server = await runServerCommand({ port: 5000, backendStoreUri: 'sqlite:///mlflow.db' })
 */
export async function runServerCommand(
  options: ServerCommandOptions,
): Promise<RunningTrackingServer> {
  const logger = options.logger ?? createJsonLogger()
  const backendStoreUri = options.backendStoreUri ?? DEFAULT_BACKEND_STORE_URI
  const serveArtifacts = options.serveArtifacts ?? true
  const host = options.host ?? '127.0.0.1'
  if (options.workers !== undefined) {
    logger.warn({
      event: 'option-ignored',
      option: '--workers',
      message:
        'dspyflow serves from one Node process; --workers is accepted for MLflow compatibility ' +
        'and ignored. Run several instances behind a load balancer (PostgreSQL + S3) to scale out.',
    })
  }
  const target = parseBackendStoreUri(backendStoreUri)
  const migration = await migrateBackendStore({ target })
  for (const result of migration.results ?? []) {
    logger.info({ event: 'migration', name: result.migrationName, status: result.status })
  }
  if (migration.error !== undefined) {
    throw new Error(`Migrating ${redactUri(backendStoreUri)} failed`, { cause: migration.error })
  }
  const defaultArtifactRoot = resolveDefaultArtifactRoot(
    options.defaultArtifactRoot,
    serveArtifacts,
  )
  const stores = await openBackendStores({ target, defaultArtifactRoot })
  const { trackingStore } = stores
  let artifactStore: ArtifactStore | undefined
  let retention: TraceRetentionSchedule | undefined
  try {
    if (serveArtifacts) {
      artifactStore = await openArtifactStore({
        uri: options.artifactsDestination ?? './mlartifacts',
      })
    }
    const security = options.disableSecurityMiddleware === true
    const app = createTrackingServer({
      trackingStore,
      registryStore: stores.registryStore,
      loggedModelStore: stores.loggedModelStore,
      traceStore: stores.traceStore,
      assessmentStore: stores.assessmentStore,
      artifactStore,
      serveArtifacts,
      defaultArtifactRoot,
      boundHost: host,
      allowedHosts: security ? ['*'] : commaList(options.allowedHosts),
      corsAllowedOrigins: security ? ['*'] : commaList(options.corsAllowedOrigins),
      disableSecurityMiddleware: security,
      xFrameOptions: options.xFrameOptions,
      staticPrefix: options.staticPrefix,
      staticDir: options.staticDir ?? defaultStaticDir(),
      logger,
    })
    retention = startRetention(options, stores.traceStore, logger)
    const schedule = retention
    const server = await startTrackingServer({
      app,
      host,
      port: options.port ?? 5000,
      logger,
      onClose: async () => {
        await schedule.stop()
        await stores.close()
        await artifactStore?.close()
      },
    })
    logger.info({
      event: 'server-start',
      url: server.url + (options.staticPrefix ?? ''),
      backendStoreUri: redactUri(backendStoreUri),
      defaultArtifactRoot,
      artifactsDestination: serveArtifacts ? artifactStore?.rootUri : undefined,
      serveArtifacts,
      startupMs: Math.round(process.uptime() * 1000),
    })
    if (options.handleSignals !== false) handleSignals(server, logger)
    return server
  } catch (error) {
    await retention?.stop().catch(() => undefined)
    await stores.close().catch(() => undefined)
    await artifactStore?.close().catch(() => undefined)
    throw error
  }
}

/** Trace retention from `--traces-retention-days` / `--traces-max-count`, logged per run. */
function startRetention(
  options: ServerCommandOptions,
  traceStore: Parameters<typeof startTraceRetention>[0]['traceStore'],
  logger: TrackingServerLogger,
): TraceRetentionSchedule {
  const days = options.tracesRetentionDays
  return startTraceRetention({
    traceStore,
    retention: {
      maxAgeMillis: days === undefined ? undefined : Math.round(days * 86_400_000),
      maxCountPerExperiment: options.tracesMaxCount,
    },
    intervalMs: (options.tracesRetentionIntervalMinutes ?? 60) * 60_000,
    onRun: (result) => {
      if ('error' in result) {
        logger.error({ event: 'trace-retention', message: String(result.error) })
      } else if (result.deleted > 0) {
        logger.info({ event: 'trace-retention', deleted: result.deleted })
      }
    },
  })
}

/** MLflow's `resolve_default_artifact_root`, with local paths made absolute. */
function resolveDefaultArtifactRoot(root: string | undefined, serveArtifacts: boolean): string {
  if (root === undefined || root === '')
    return serveArtifacts ? 'mlflow-artifacts:/' : resolve('mlruns')
  return /^[a-zA-Z][a-zA-Z0-9+.-]+:/.test(root) ? root : resolve(root)
}

function commaList(value: string | undefined): string[] | undefined {
  if (value === undefined || value.trim() === '') return undefined
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
}

/** `DSPYFLOW_STATIC_DIR`, else the web package's build when it exists. */
function defaultStaticDir(): string | undefined {
  const fromEnvironment = process.env.DSPYFLOW_STATIC_DIR
  if (fromEnvironment) return fromEnvironment
  const webBuild = fileURLToPath(new URL('../../../../web/dist/', import.meta.url))
  return existsSync(resolve(webBuild, 'index.html')) ? webBuild : undefined
}

function handleSignals(server: RunningTrackingServer, logger: TrackingServerLogger): void {
  const stop = (signal: NodeJS.Signals) => {
    logger.info({ event: 'signal', signal })
    server.close().then(
      () => {
        // Everything is closed; exit even if a library left a handle behind.
        setTimeout(() => process.exit(0), 500).unref()
      },
      (error: unknown) => {
        logger.error({ event: 'shutdown-error', message: String(error) })
        process.exit(1)
      },
    )
  }
  process.once('SIGTERM', stop)
  process.once('SIGINT', stop)
}
