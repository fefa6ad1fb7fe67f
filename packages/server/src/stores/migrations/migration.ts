/**
 * @module migration
 * The shape of a schema migration and of the report the migrator returns.
 */
import type { SqlDialectName } from '../sql/sql-dialect.ts'

/**
 * One schema change. `name` starts with a UTC timestamp (`YYYYMMDDHHMMSS_what_it_does`) so that
 * names sort in the order migrations must run. `up` lists the statements per dialect; share them
 * where the SQL is the same. Never edit a migration once released: add a new one.
 */
export interface Migration {
  readonly name: string
  readonly up: Readonly<Record<SqlDialectName, readonly string[]>>
}

/** What happened to one migration in a run of the migrator. */
export interface MigrationResult {
  readonly migrationName: string
  readonly direction: 'Up'
  /** `NotExecuted` when an earlier migration failed and this one was not attempted. */
  readonly status: 'Success' | 'Error' | 'NotExecuted'
}

/**
 * The migrator's report; it never throws. `results` lists every migration that was pending
 * (undefined if the migrator failed before it could look, e.g. on the lock); `error` holds the
 * first failure.
 */
export interface MigrationResultSet {
  readonly error?: unknown
  readonly results?: readonly MigrationResult[]
}
