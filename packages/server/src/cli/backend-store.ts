/**
 * @module backend-store
 * `--backend-store-uri` as MLflow (SQLAlchemy) spells it: `sqlite:///relative.db`,
 * `sqlite:////absolute/path.db`, `sqlite:///:memory:`, `postgresql://user:pass@host/db` (also
 * `postgres://` and `postgresql+driver://`). Opens the store, or just a driver to migrate.
 */
import { resolve } from 'node:path'
import type { BackendStores } from '../stores/backend-stores.ts'
import type { MigrationResultSet } from '../stores/migrations/migration.ts'
import { migrateToLatest } from '../stores/migrations/migrator.ts'
import { trackingMigrations } from '../stores/migrations/tracking-migrations.ts'
import { postgresDialect } from '../stores/postgres/postgres-dialect.ts'
import { createPostgresDriver } from '../stores/postgres/postgres-driver.ts'
import { openPostgresBackendStores } from '../stores/postgres/postgres-tracking-store.ts'
import type { SqlDialect } from '../stores/sql/sql-dialect.ts'
import type { SqlDriver } from '../stores/sql/sql-driver.ts'
import { sqliteDialect } from '../stores/sqlite/sqlite-dialect.ts'
import { createSqliteDriver } from '../stores/sqlite/sqlite-driver.ts'
import { openSqliteBackendStores } from '../stores/sqlite/sqlite-tracking-store.ts'

/** MLflow's default backend store: `mlflow.db` in the working folder. */
export const DEFAULT_BACKEND_STORE_URI = 'sqlite:///mlflow.db'

/** A parsed backend store URI. */
export type BackendStoreTarget =
  | { kind: 'sqlite'; path: string }
  | { kind: 'postgresql'; connectionString: string }

/**
 * Reads a backend store URI.
 *
 * @throws TypeError for schemes dspyflow has no store for (`file:`, `mysql:`, plain paths).
 * @example
 * parseBackendStoreUri('sqlite:///mlflow.db') // { kind: 'sqlite', path: '/cwd/mlflow.db' }
 * parseBackendStoreUri('sqlite:////tmp/x.db') // { kind: 'sqlite', path: '/tmp/x.db' }
 * parseBackendStoreUri('postgresql+psycopg2://u:p@db/mlflow') // { kind: 'postgresql', connectionString: 'postgresql://u:p@db/mlflow' }
 */
export function parseBackendStoreUri(uri: string): BackendStoreTarget {
  const sqlite = /^sqlite(?:\+\w+)?:\/\/(.*)$/i.exec(uri)
  if (sqlite) {
    const rest = (sqlite[1] ?? '').replace(/\?.*$/, '')
    if (rest === '' || rest === '/:memory:' || rest === '/')
      return { kind: 'sqlite', path: ':memory:' }
    if (!rest.startsWith('/')) throw unsupported(uri)
    const path = rest.slice(1)
    return { kind: 'sqlite', path: path.startsWith('/') ? path : resolve(path) }
  }
  const postgres = /^postgres(?:ql)?(?:\+\w+)?:\/\/(.*)$/i.exec(uri)
  if (postgres) return { kind: 'postgresql', connectionString: `postgresql://${postgres[1]}` }
  throw unsupported(uri)
}

function unsupported(uri: string): TypeError {
  return new TypeError(
    `Unsupported backend store URI '${redactUri(uri)}'. Use sqlite:///relative/path.db, ` +
      'sqlite:////absolute/path.db or postgresql://user:password@host:port/database.',
  )
}

/**
 * The URI with any password replaced by `***`, for logs and messages.
 *
 * @example
 * redactUri('postgresql://ada:secret@db/mlflow') // 'postgresql://ada:***@db/mlflow'
 */
export function redactUri(uri: string): string {
  return uri.replace(/^([a-z][\w+.-]*:\/\/[^:/@]*):[^@/]*@/i, '$1:***@')
}

/**
 * Opens the backend stores without migrating (run {@link migrateBackendStore} first).
 *
 * @example
 * const stores = await openBackendStores({ target, defaultArtifactRoot: 'mlflow-artifacts:/' })
 */
export async function openBackendStores(options: {
  target: BackendStoreTarget
  defaultArtifactRoot: string
}): Promise<BackendStores> {
  const { target, defaultArtifactRoot } = options
  if (target.kind === 'sqlite') {
    return openSqliteBackendStores({ path: target.path, defaultArtifactRoot, migrate: false })
  }
  return openPostgresBackendStores({
    connectionString: target.connectionString,
    defaultArtifactRoot,
    migrate: false,
  })
}

/**
 * Brings the database schema up to date and reports each step (never throws for migration
 * failures: they come back as `error`).
 *
 * @example
 * const { results, error } = await migrateBackendStore({ target })
 */
export async function migrateBackendStore(options: {
  target: BackendStoreTarget
}): Promise<MigrationResultSet> {
  const { driver, dialect } = await openDriver(options.target)
  try {
    return await migrateToLatest({ driver, dialect, migrations: trackingMigrations })
  } finally {
    await driver.close()
  }
}

async function openDriver(
  target: BackendStoreTarget,
): Promise<{ driver: SqlDriver; dialect: SqlDialect }> {
  if (target.kind === 'sqlite') {
    const { default: Database } = await import('better-sqlite3')
    const database = new Database(target.path)
    database.exec('PRAGMA busy_timeout = 5000')
    return { driver: createSqliteDriver({ database }), dialect: sqliteDialect }
  }
  const { default: pg } = await import('pg')
  const pool = new pg.Pool({ connectionString: target.connectionString, max: 2 })
  pool.on('error', () => undefined)
  return { driver: createPostgresDriver({ pool }), dialect: postgresDialect }
}
