/**
 * @module @dspyflow/server/stores
 * Tracking stores behind one interface: SQLite (embedded default), PostgreSQL (teams) and an
 * in-memory store, all passing the same conformance suite (`runStoreConformance`, exported from
 * `./testing/run-store-conformance.ts` for store authors). Also the MLflow search-filter parser,
 * the schema migrator and the store error type.
 *
 * @example
 * import { openSqliteTrackingStore } from '@dspyflow/server/stores'
 * const store = await openSqliteTrackingStore({ path: 'mlflow.db' })
 * const experimentId = await store.createExperiment({ name: 'DSPy-Optimization' })
 * const run = await store.createRun({ experimentId, runName: 'mipro-v2' })
 * await store.logBatch({ runId: run.info.runId, params: [{ key: 'auto', value: 'light' }] })
 * const { runs } = await store.searchRuns({ experimentIds: [experimentId], filter: "params.auto = 'light'" })
 */
export { appendToUriPath } from './artifact-uri.ts'
export type { AssessmentStore } from './assessments/assessment-store.ts'
export type { BackendStores } from './backend-stores.ts'
export type { LoggedModelStore } from './logged-models/logged-model-store.ts'
export type { RegistryStore } from './registry/registry-store.ts'
export type { SpanRecord } from './traces/span-record.ts'
export type { TraceStore } from './traces/trace-store.ts'
export { createMemoryTrackingStore } from './memory/memory-tracking-store.ts'
export type {
  Migration,
  MigrationResult,
  MigrationResultSet,
} from './migrations/migration.ts'
export {
  MIGRATION_LOCK_TABLE,
  MIGRATION_TABLE,
  type MigrateOptions,
  migrateToLatest,
} from './migrations/migrator.ts'
export { trackingMigrations } from './migrations/tracking-migrations.ts'
export type {
  PostgresDialectConfig,
  PostgresPool,
  PostgresPoolClient,
  PostgresQueryResult,
} from './postgres/postgres-dialect-config.ts'
export { postgresDialect } from './postgres/postgres-dialect.ts'
export { createPostgresDriver } from './postgres/postgres-driver.ts'
export {
  type CreatePostgresTrackingStoreOptions,
  createPostgresBackendStores,
  createPostgresTrackingStore,
  type OpenPostgresTrackingStoreOptions,
  openPostgresBackendStores,
  openPostgresTrackingStore,
} from './postgres/postgres-tracking-store.ts'
export { parseExperimentFilter } from './search/experiment-filter.ts'
export type * from './search/filter-ast.ts'
export { parseExperimentOrderBy, parseRunOrderBy } from './search/order-by.ts'
export { createPageToken, parsePageToken } from './search/page-token.ts'
export { parseRunFilter } from './search/run-filter.ts'
export type { SqlDialect, SqlDialectName } from './sql/sql-dialect.ts'
export type { SqlDriver, SqlExecutor, SqlResult } from './sql/sql-driver.ts'
export { type SqlFragment, type SqlValue, sql } from './sql/sql-fragment.ts'
export type { SqlTrackingStoreSettings } from './sql/sql-store-context.ts'
export {
  type CreateSqlTrackingStoreOptions,
  createSqlBackendStores,
  createSqlTrackingStore,
} from './sql/sql-tracking-store.ts'
export type {
  SqliteDatabase,
  SqliteDialectConfig,
  SqliteStatement,
} from './sqlite/sqlite-dialect-config.ts'
export { sqliteDialect } from './sqlite/sqlite-dialect.ts'
export { createSqliteDriver } from './sqlite/sqlite-driver.ts'
export {
  type CreateSqliteTrackingStoreOptions,
  createSqliteBackendStores,
  createSqliteTrackingStore,
  type OpenSqliteTrackingStoreOptions,
  openSqliteBackendStores,
  openSqliteTrackingStore,
} from './sqlite/sqlite-tracking-store.ts'
export { StoreError, type StoreErrorCode } from './store-error.ts'
export type * from './tracking-store.ts'
export * as limits from './validation/limits.ts'
