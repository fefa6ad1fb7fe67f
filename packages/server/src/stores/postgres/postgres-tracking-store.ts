/**
 * @module postgres-tracking-store
 * The PostgreSQL tracking store, for teams: several stateless servers can share one database
 * (migrations run once under the lock row, log calls are safe under concurrency).
 */
import type { BackendStores } from '../backend-stores.ts'
import { createSqlBackendStores } from '../sql/sql-tracking-store.ts'
import type { SqlTrackingStoreSettings } from '../sql/sql-store-context.ts'
import type { TrackingStore } from '../tracking-store.ts'
import type { PostgresDialectConfig } from './postgres-dialect-config.ts'
import { postgresDialect } from './postgres-dialect.ts'
import { createPostgresDriver } from './postgres-driver.ts'

/** Options of {@link createPostgresTrackingStore}. */
export interface CreatePostgresTrackingStoreOptions
  extends PostgresDialectConfig,
    SqlTrackingStoreSettings {
  /** Run pending migrations first (default true). */
  migrate?: boolean
}

/**
 * Creates a store on a pg pool (the store owns and ends it).
 *
 * @example
 * import pg from 'pg'
 * const store = await createPostgresTrackingStore({ pool: new pg.Pool({ connectionString }) })
 */
export async function createPostgresTrackingStore(
  options: CreatePostgresTrackingStoreOptions,
): Promise<TrackingStore> {
  return (await createPostgresBackendStores(options)).trackingStore
}

/**
 * Every backend store on a pg pool, which the bundle owns and ends.
 *
 * @example
 * const stores = await createPostgresBackendStores({ pool: new pg.Pool({ connectionString }) })
 */
export async function createPostgresBackendStores(
  options: CreatePostgresTrackingStoreOptions,
): Promise<BackendStores> {
  const driver = createPostgresDriver({ pool: options.pool })
  try {
    return await createSqlBackendStores({ ...options, driver, dialect: postgresDialect })
  } catch (error) {
    await driver.close()
    throw error
  }
}

/** Options of {@link openPostgresTrackingStore}. */
export interface OpenPostgresTrackingStoreOptions extends SqlTrackingStoreSettings {
  /** e.g. `postgresql://user:password@localhost:5432/mlflow`. */
  connectionString: string
  /** A schema to use instead of `public` (created if missing); handy to isolate tests. */
  schema?: string
  /** Most pooled connections (default 10). */
  maxConnections?: number
  /** Run pending migrations first (default true). */
  migrate?: boolean
}

/**
 * Connects with pg and returns a store. pg is loaded only here, at the edge.
 *
 * @example
 * const store = await openPostgresTrackingStore({ connectionString: 'postgresql://localhost/mlflow' })
 * await store.close()
 */
export async function openPostgresTrackingStore(
  options: OpenPostgresTrackingStoreOptions,
): Promise<TrackingStore> {
  return (await openPostgresBackendStores(options)).trackingStore
}

/**
 * Connects with pg and returns every backend store on the pool.
 *
 * @example
 * const stores = await openPostgresBackendStores({ connectionString: 'postgresql://localhost/mlflow' })
 * await stores.close()
 */
export async function openPostgresBackendStores(
  options: OpenPostgresTrackingStoreOptions,
): Promise<BackendStores> {
  const { default: pg } = await import('pg')
  const schema = options.schema
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) {
    throw new Error(`Invalid schema name '${schema}': use lowercase letters, digits and _`)
  }
  if (schema !== undefined) {
    const setup = new pg.Client({ connectionString: options.connectionString })
    await setup.connect()
    try {
      await setup.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`)
    } finally {
      await setup.end()
    }
  }
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  })
  // An idle connection dropped by the server must not crash the process; the next query
  // reconnects or fails with its own error.
  pool.on('error', () => undefined)
  return createPostgresBackendStores({ ...options, pool })
}
