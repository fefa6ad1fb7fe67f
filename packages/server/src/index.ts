/**
 * @module @dspyflow/server
 * The MLflow-compatible tracking server: `createTrackingServer` builds the Hono app over a
 * tracking store and an artifact store, `startTrackingServer` serves it with graceful shutdown.
 * Stores live in `@dspyflow/server/stores`; the `dspyflow` command line in `bin/dspyflow.mjs`.
 *
 * @example
 * import { createTrackingServer, startTrackingServer } from '@dspyflow/server'
 * import { openSqliteTrackingStore } from '@dspyflow/server/stores'
 * const trackingStore = await openSqliteTrackingStore({ path: 'mlflow.db' })
 * const app = createTrackingServer({ trackingStore })
 * const server = await startTrackingServer({ app, port: 5000, onClose: () => trackingStore.close() })
 */
export const packageName = '@dspyflow/server'

export {
  type CreateTrackingServerOptions,
  createTrackingServer,
} from './tracking/create-tracking-server.ts'
export {
  type CreateJsonLoggerOptions,
  createJsonLogger,
  type LogRecord,
  silentLogger,
  type TrackingServerLogger,
} from './tracking/logger.ts'
export { defaultAllowedHosts, isAllowedHost } from './tracking/middleware/host-check.ts'
export { DEFAULT_MAX_REQUEST_BYTES } from './tracking/middleware/read-body.ts'
export { MLFLOW_COMPATIBLE_VERSION } from './tracking/mlflow-version.ts'
export type { ArtifactAccess, OpenArtifactStore } from './tracking/routes/route-services.ts'
export {
  type RunningTrackingServer,
  type StartTrackingServerOptions,
  startTrackingServer,
} from './tracking/start-tracking-server.ts'
