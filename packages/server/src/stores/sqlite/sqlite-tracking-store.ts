/**
 * @module sqlite-tracking-store
 * The SQLite tracking store: the embedded default. The connection is synchronous (better-sqlite3),
 * in WAL mode with foreign keys on and temporary storage in memory; every query is indexed and
 * bounded so none blocks the event loop for long.
 */
import type { BackendStores } from '../backend-stores.ts'
import { createSqlBackendStores } from '../sql/sql-tracking-store.ts'
import type { SqlTrackingStoreSettings } from '../sql/sql-store-context.ts'
import type { TrackingStore } from '../tracking-store.ts'
import type { SqliteDialectConfig } from './sqlite-dialect-config.ts'
import { sqliteDialect } from './sqlite-dialect.ts'
import { createSqliteDriver } from './sqlite-driver.ts'

/** Options of {@link createSqliteTrackingStore}. */
export interface CreateSqliteTrackingStoreOptions
  extends SqliteDialectConfig,
    SqlTrackingStoreSettings {
  /** Run pending migrations first (default true). */
  migrate?: boolean
}

/**
 * Creates a store on an open SQLite connection (the store owns and closes it).
 *
 * @example
 * import Database from 'better-sqlite3'
 * const store = await createSqliteTrackingStore({ database: new Database('mlflow.db') })
 */
export async function createSqliteTrackingStore(
  options: CreateSqliteTrackingStoreOptions,
): Promise<TrackingStore> {
  return (await createSqliteBackendStores(options)).trackingStore
}

/**
 * Every backend store (tracking, registry, logged models, traces, assessments) on an open SQLite
 * connection, which the bundle owns and closes.
 *
 * @example
 * const stores = await createSqliteBackendStores({ database: new Database(':memory:') })
 */
export async function createSqliteBackendStores(
  options: CreateSqliteTrackingStoreOptions,
): Promise<BackendStores> {
  const { database } = options
  database.exec('PRAGMA journal_mode = WAL')
  database.exec('PRAGMA synchronous = NORMAL')
  database.exec('PRAGMA foreign_keys = ON')
  // Statement journals (every multi-row write keeps one, to undo just that statement on a
  // constraint error), sorter spills and transient indexes stay in memory instead of temp
  // files: a 1,000-point log-batch otherwise spends more time in temp-file system calls than
  // in its B-tree inserts.
  database.exec('PRAGMA temp_store = MEMORY')
  database.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`)
  const driver = createSqliteDriver({ database })
  try {
    return await createSqlBackendStores({ ...options, driver, dialect: sqliteDialect })
  } catch (error) {
    await driver.close()
    throw error
  }
}

/** Options of {@link openSqliteTrackingStore}. */
export interface OpenSqliteTrackingStoreOptions extends SqlTrackingStoreSettings {
  /** A file path, or `':memory:'`. */
  path: string
  /** Run pending migrations first (default true). */
  migrate?: boolean
  busyTimeoutMs?: number
}

/**
 * Opens (and creates if needed) a SQLite database file with better-sqlite3 and returns a store
 * on it. better-sqlite3 is loaded only here, at the edge.
 *
 * @example
 * const store = await openSqliteTrackingStore({ path: 'mlflow.db' })
 * await store.close()
 */
export async function openSqliteTrackingStore(
  options: OpenSqliteTrackingStoreOptions,
): Promise<TrackingStore> {
  const { default: Database } = await import('better-sqlite3')
  const database = new Database(options.path)
  return createSqliteTrackingStore({ ...options, database })
}

/**
 * Opens (and creates if needed) a SQLite database file and returns every backend store on it.
 *
 * @example
 * const stores = await openSqliteBackendStores({ path: 'mlflow.db' })
 * await stores.close()
 */
export async function openSqliteBackendStores(
  options: OpenSqliteTrackingStoreOptions,
): Promise<BackendStores> {
  const { default: Database } = await import('better-sqlite3')
  const database = new Database(options.path)
  return createSqliteBackendStores({ ...options, database })
}
