/**
 * @module open-postgres-test-backend
 * A fresh database on a test PostgreSQL server with every backend store on it, and the driver
 * for suites that also inspect rows.
 */
import pg from 'pg'
import { postgresDialect } from '../postgres/postgres-dialect.ts'
import { createPostgresDriver } from '../postgres/postgres-driver.ts'
import type { BackendStores } from '../backend-stores.ts'
import type { SqlDialect } from '../sql/sql-dialect.ts'
import type { SqlDriver } from '../sql/sql-driver.ts'
import type { SqlTrackingStoreSettings } from '../sql/sql-store-context.ts'
import { createSqlBackendStores } from '../sql/sql-tracking-store.ts'
import type { PostgresServer } from './postgres-server.ts'

/** Options of {@link openPostgresTestBackend}. */
export interface OpenPostgresTestBackendOptions {
  server: PostgresServer
  /** A new database's name (lowercase letters, digits, `_`). */
  database: string
  settings?: SqlTrackingStoreSettings
  /** Most pooled connections (default 8). */
  maxConnections?: number
}

/**
 * Creates the database, migrates it and opens the stores.
 *
 * @example
 * const { stores, driver } = await openPostgresTestBackend({ server, database: 'traces_1' })
 */
export async function openPostgresTestBackend(
  options: OpenPostgresTestBackendOptions,
): Promise<{ stores: BackendStores; driver: SqlDriver; dialect: SqlDialect }> {
  const connectionString = await options.server.createDatabase(options.database)
  const pool = new pg.Pool({ connectionString, max: options.maxConnections ?? 8 })
  pool.on('error', () => undefined)
  const driver = createPostgresDriver({ pool })
  const stores = await createSqlBackendStores({
    driver,
    dialect: postgresDialect,
    ...options.settings,
  })
  return { stores, driver, dialect: postgresDialect }
}
