/**
 * @module migrator
 * Runs pending migrations in name order under a lock row, so that several servers starting on
 * one database migrate it once. Each migration runs in its own transaction together with its
 * bookkeeping row; the first failure stops the run. The migrator reports every step and never
 * throws.
 */
import type { SqlDialect } from '../sql/sql-dialect.ts'
import type { SqlDriver } from '../sql/sql-driver.ts'
import { raw, sql } from '../sql/sql-fragment.ts'
import type { Migration, MigrationResult, MigrationResultSet } from './migration.ts'

/** The table that records executed migrations. */
export const MIGRATION_TABLE = 'dspyflow_migrations'
/** The table holding the migration lock row. */
export const MIGRATION_LOCK_TABLE = 'dspyflow_migration_lock'
const LOCK_ID = 'tracking'
const namePattern = /^\d{14}_[a-z0-9_]+$/

/** Options of {@link migrateToLatest}. */
export interface MigrateOptions {
  driver: SqlDriver
  dialect: SqlDialect
  migrations: readonly Migration[]
  /** Clock for the bookkeeping rows (default `Date.now`). */
  now?: () => number
  /** How long to wait for another process's lock (default 30 s). */
  lockTimeoutMs?: number
  /** A lock older than this is taken over as abandoned (default 10 min). */
  staleLockMs?: number
  /** Waits between lock attempts (default `setTimeout`); injectable for tests. */
  sleep?: (milliseconds: number) => Promise<void>
}

/**
 * Brings the schema up to date.
 *
 * @example
 * const { error, results } = await migrateToLatest({ driver, dialect, migrations: trackingMigrations })
 * for (const result of results ?? []) console.log(result.migrationName, result.status)
 * if (error) throw error
 */
export async function migrateToLatest(options: MigrateOptions): Promise<MigrationResultSet> {
  const now = options.now ?? Date.now
  const migrations = [...options.migrations].sort((a, b) => a.name.localeCompare(b.name))
  try {
    checkNames(migrations)
    await ensureBookkeepingTables(options.driver)
    await acquireLock(options, now)
  } catch (error) {
    return { error }
  }
  try {
    return await runPending(options, migrations, now)
  } catch (error) {
    return { error }
  } finally {
    await releaseLock(options.driver).catch(() => undefined)
  }
}

function checkNames(migrations: readonly Migration[]): void {
  const seen = new Set<string>()
  for (const migration of migrations) {
    if (!namePattern.test(migration.name)) {
      throw new Error(
        `Migration name '${migration.name}' must look like YYYYMMDDHHMMSS_snake_case_description`,
      )
    }
    if (seen.has(migration.name)) throw new Error(`Duplicate migration name '${migration.name}'`)
    seen.add(migration.name)
  }
}

async function ensureBookkeepingTables(driver: SqlDriver): Promise<void> {
  const statements = [
    `CREATE TABLE IF NOT EXISTS ${MIGRATION_TABLE} (name TEXT PRIMARY KEY, executed_at BIGINT NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS ${MIGRATION_LOCK_TABLE} (id TEXT PRIMARY KEY, is_locked INTEGER NOT NULL DEFAULT 0, locked_at BIGINT)`,
  ]
  for (const statement of statements) {
    try {
      await driver.execute(raw(statement))
    } catch (error) {
      // Two processes creating the table at once: the loser sees a duplicate; go on if it exists.
      const check = statement.includes(MIGRATION_TABLE) ? MIGRATION_TABLE : MIGRATION_LOCK_TABLE
      await driver.execute(raw(`SELECT 1 FROM ${check} WHERE 1 = 0`)).catch(() => {
        throw error
      })
    }
  }
  await driver.execute(
    sql`INSERT INTO ${raw(MIGRATION_LOCK_TABLE)} (id, is_locked) VALUES (${LOCK_ID}, 0) ON CONFLICT DO NOTHING`,
  )
}

async function acquireLock(options: MigrateOptions, now: () => number): Promise<void> {
  const timeout = options.lockTimeoutMs ?? 30_000
  const stale = options.staleLockMs ?? 600_000
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  const started = now()
  for (;;) {
    const time = now()
    const result = await options.driver.execute(
      sql`UPDATE ${raw(MIGRATION_LOCK_TABLE)} SET is_locked = 1, locked_at = ${time}
          WHERE id = ${LOCK_ID} AND (is_locked = 0 OR locked_at < ${time - stale})`,
    )
    if (result.changes === 1) return
    if (now() - started >= timeout) {
      throw new Error(
        `Could not acquire the migration lock in ${timeout} ms: another process is migrating ` +
          `(row '${LOCK_ID}' of ${MIGRATION_LOCK_TABLE})`,
      )
    }
    await sleep(50)
  }
}

async function releaseLock(driver: SqlDriver): Promise<void> {
  await driver.execute(
    sql`UPDATE ${raw(MIGRATION_LOCK_TABLE)} SET is_locked = 0, locked_at = NULL WHERE id = ${LOCK_ID}`,
  )
}

async function runPending(
  options: MigrateOptions,
  migrations: readonly Migration[],
  now: () => number,
): Promise<MigrationResultSet> {
  const { driver, dialect } = options
  const executedRows = await driver.execute(
    sql`SELECT name FROM ${raw(MIGRATION_TABLE)} ORDER BY name`,
  )
  const executed = executedRows.rows.map((row) => String(row.name))
  executed.forEach((name, index) => {
    if (migrations[index]?.name !== name) {
      throw new Error(
        `Corrupted migrations: '${name}' was executed but is not migration #${index + 1} of this ` +
          `version (${migrations[index]?.name ?? 'none'}). Was a migration renamed, removed or ` +
          'inserted before an executed one?',
      )
    }
  })
  const pending = migrations.slice(executed.length)
  const results: MigrationResult[] = []
  let failure: unknown
  for (const migration of pending) {
    if (failure !== undefined) {
      results.push({ migrationName: migration.name, direction: 'Up', status: 'NotExecuted' })
      continue
    }
    try {
      await driver.transaction(async (executor) => {
        for (const statement of migration.up[dialect.name]) await executor.execute(raw(statement))
        await executor.execute(
          sql`INSERT INTO ${raw(MIGRATION_TABLE)} (name, executed_at) VALUES (${migration.name}, ${now()})`,
        )
      })
      results.push({ migrationName: migration.name, direction: 'Up', status: 'Success' })
    } catch (error) {
      failure = error
      results.push({ migrationName: migration.name, direction: 'Up', status: 'Error' })
    }
  }
  return failure === undefined ? { results } : { error: failure, results }
}
