/**
 * @module sql-tracking-store
 * The {@link TrackingStore} over any {@link SqlDriver} and {@link SqlDialect}. The SQLite and
 * PostgreSQL factories are thin wrappers that build the driver and pick the dialect.
 */
import type { Experiment } from '@dspyflow/mlflow/protocol'
import { createSqlAssessmentStore } from '../assessments/sql-assessment-store.ts'
import type { BackendStores } from '../backend-stores.ts'
import { createSqlLoggedModelStore } from '../logged-models/sql-logged-model-store.ts'
import { migrateToLatest } from '../migrations/migrator.ts'
import { trackingMigrations } from '../migrations/tracking-migrations.ts'
import { createSqlRegistryStore } from '../registry/sql-registry-store.ts'
import { StoreError } from '../store-error.ts'
import { createSqlTraceStore } from '../traces/sql-trace-store.ts'
import type { TrackingStore } from '../tracking-store.ts'
import { validateMetric } from '../validation/validate-entities.ts'
import { requireActiveRunRow, requireExperimentRow } from './entity-lookups.ts'
import {
  createExperiment,
  deleteExperiment,
  deleteExperimentTag,
  ensureDefaultExperiment,
  getExperiment,
  getExperimentByName,
  loadExperiments,
  renameExperiment,
  restoreExperiment,
  setExperimentTag,
} from './experiment-operations.ts'
import { searchExperiments } from './experiment-search.ts'
import { logBatch } from './log-batch.ts'
import { logInputs, logOutputs, searchDatasets } from './log-inputs.ts'
import {
  getMetricHistory,
  getMetricHistoryBulkInterval,
  insertMetrics,
} from './metric-operations.ts'
import {
  createRun,
  deleteRun,
  deleteTag,
  getRun,
  logParam,
  restoreRun,
  setTag,
  updateRun,
} from './run-operations.ts'
import { searchRuns } from './run-search.ts'
import type { SqlDialect } from './sql-dialect.ts'
import type { SqlDriver } from './sql-driver.ts'
import {
  createSqlStoreContext,
  type SqlStoreContext,
  type SqlTrackingStoreSettings,
} from './sql-store-context.ts'

/** Options of {@link createSqlTrackingStore}. */
export interface CreateSqlTrackingStoreOptions extends SqlTrackingStoreSettings {
  driver: SqlDriver
  dialect: SqlDialect
  /** Run pending migrations first (default true). */
  migrate?: boolean
}

/**
 * Opens a tracking store on a driver: migrates the schema (unless `migrate: false`), creates the
 * Default experiment if missing, and returns the store.
 *
 * @throws StoreError `INTERNAL_ERROR` when a migration fails (the cause is the migrator's error).
 * @example
 * const store = await createSqlTrackingStore({ driver, dialect: sqliteDialect })
 */
export async function createSqlTrackingStore(
  options: CreateSqlTrackingStoreOptions,
): Promise<TrackingStore> {
  return (await createSqlBackendStores(options)).trackingStore
}

/**
 * Opens every store of the backend database on one driver (see {@link createSqlTrackingStore}
 * for what happens first).
 *
 * @throws StoreError `INTERNAL_ERROR` when a migration fails.
 * @example
 * const stores = await createSqlBackendStores({ driver, dialect: sqliteDialect })
 * await stores.registryStore.createRegisteredModel({ name: 'qa' })
 */
export async function createSqlBackendStores(
  options: CreateSqlTrackingStoreOptions,
): Promise<BackendStores> {
  const context = createSqlStoreContext(options)
  if (options.migrate !== false) {
    const report = await migrateToLatest({
      driver: options.driver,
      dialect: options.dialect,
      migrations: trackingMigrations,
      now: context.now,
    })
    if (report.error !== undefined) {
      const failed = report.results?.find((result) => result.status === 'Error')
      throw new StoreError({
        code: 'INTERNAL_ERROR',
        message: `Migrating the tracking schema failed${failed ? ` at ${failed.migrationName}` : ''}: ${
          report.error instanceof Error ? report.error.message : String(report.error)
        }`,
        cause: report.error,
      })
    }
  }
  await ensureDefaultExperiment(context)
  return {
    trackingStore: buildStore(context),
    registryStore: createSqlRegistryStore(context),
    loggedModelStore: createSqlLoggedModelStore(context),
    traceStore: createSqlTraceStore(context),
    assessmentStore: createSqlAssessmentStore(context),
    close: () => context.driver.close(),
  }
}

function buildStore(context: SqlStoreContext): TrackingStore {
  const { driver, dialect } = context
  const store: TrackingStore = {
    specificationVersion: 'v1',
    createExperiment: (options) => createExperiment(context, options),
    getExperiment: (options) => getExperiment(context, options.experimentId),
    async getExperimentOrThrow(options) {
      const row = await requireExperimentRow(driver, options.experimentId)
      return (await loadExperiments(driver, [row]))[0] as Experiment
    },
    getExperimentByName: (options) => getExperimentByName(context, options.name),
    async getExperimentByNameOrThrow(options) {
      const experiment = await getExperimentByName(context, options.name)
      if (experiment) return experiment
      throw new StoreError({
        code: 'RESOURCE_DOES_NOT_EXIST',
        message: `Could not find experiment with name '${options.name}'`,
      })
    },
    searchExperiments: (options) => searchExperiments(driver, dialect, options ?? {}),
    renameExperiment: (options) => renameExperiment(context, options),
    setExperimentTag: (options) => setExperimentTag(context, options),
    deleteExperimentTag: (options) => deleteExperimentTag(context, options),
    deleteExperiment: (options) => deleteExperiment(context, options),
    restoreExperiment: (options) => restoreExperiment(context, options),

    createRun: (options) => createRun(context, options),
    getRun: (options) => getRun(context, options.runId),
    async getRunOrThrow(options) {
      const run = await getRun(context, options.runId)
      if (run) return run
      throw new StoreError({
        code: 'RESOURCE_DOES_NOT_EXIST',
        message: `Run with id=${options.runId} not found`,
      })
    },
    updateRun: (options) => updateRun(context, options),
    deleteRun: (options) => deleteRun(context, options.runId),
    restoreRun: (options) => restoreRun(context, options.runId),
    async logMetric(options) {
      const { runId, ...metric } = options
      validateMetric({ metric, path: '' })
      await driver.transaction(async (executor) => {
        await requireActiveRunRow(executor, runId)
        await insertMetrics(executor, runId, [metric])
      })
    },
    logParam: (options) => logParam(context, options),
    setTag: (options) => setTag(context, options),
    deleteTag: (options) => deleteTag(context, options),
    logBatch: (options) => logBatch(context, options),
    getMetricHistory: (options) => getMetricHistory(driver, options),
    getMetricHistoryBulkInterval: (options) => getMetricHistoryBulkInterval(driver, options),
    logInputs: (options) => logInputs(context, options),
    logOutputs: (options) => logOutputs(context, options),
    searchRuns: (options) => searchRuns(driver, dialect, options),
    searchDatasets: (options) => searchDatasets(driver, options),
    close: () => driver.close(),
  }
  return store
}
