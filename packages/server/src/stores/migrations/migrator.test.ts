import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import type { SqlDriver } from '../sql/sql-driver.ts'
import { raw, sql } from '../sql/sql-fragment.ts'
import { sqliteDialect } from '../sqlite/sqlite-dialect.ts'
import { createSqliteDriver } from '../sqlite/sqlite-driver.ts'
import type { Migration } from './migration.ts'
import { MIGRATION_LOCK_TABLE, migrateToLatest } from './migrator.ts'
import { trackingMigrations } from './tracking-migrations.ts'

const drivers: SqlDriver[] = []
afterEach(async () => {
  await Promise.all(drivers.splice(0).map((driver) => driver.close()))
})

function openDriver(): SqlDriver {
  const driver = createSqliteDriver({ database: new Database(':memory:') })
  drivers.push(driver)
  return driver
}

const migration = (name: string, statement: string): Migration => ({
  name,
  up: { sqlite: [statement], postgres: [statement] },
})

const tables = async (driver: SqlDriver) =>
  (
    await driver.execute(sql`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
  ).rows.map((row) => row.name)

describe('migrateToLatest', () => {
  it('runs the tracking migrations once, in order, and reports each', async () => {
    const driver = openDriver()
    const first = await migrateToLatest({
      driver,
      dialect: sqliteDialect,
      migrations: trackingMigrations,
    })
    expect(first).toEqual({
      results: trackingMigrations.map((migration) => ({
        migrationName: migration.name,
        direction: 'Up',
        status: 'Success',
      })),
    })
    expect(first.results?.slice(0, 2).map((result) => result.migrationName)).toEqual([
      '20250601000000_create_tracking_tables',
      '20250601000100_add_search_indexes',
    ])
    expect(await tables(driver)).toEqual(
      expect.arrayContaining([
        'experiments',
        'runs',
        'metrics',
        'latest_metrics',
        'dspyflow_migrations',
      ]),
    )
    expect(
      await migrateToLatest({ driver, dialect: sqliteDialect, migrations: trackingMigrations }),
    ).toEqual({
      results: [],
    })
  })

  it('stops at a failing migration, rolls it back, and never throws', async () => {
    const driver = openDriver()
    const migrations = [
      migration('20250101000000_first', 'CREATE TABLE first (id INTEGER)'),
      {
        name: '20250101000100_broken',
        up: {
          sqlite: ['CREATE TABLE broken (id INTEGER)', 'SELECT * FROM nowhere'],
          postgres: [],
        },
      },
      migration('20250101000200_later', 'CREATE TABLE later (id INTEGER)'),
    ]
    const report = await migrateToLatest({ driver, dialect: sqliteDialect, migrations })
    expect(report.error).toBeInstanceOf(Error)
    expect(report.results?.map((result) => result.status)).toEqual([
      'Success',
      'Error',
      'NotExecuted',
    ])
    expect(await tables(driver)).toContain('first')
    expect(await tables(driver)).not.toContain('later')
    expect(await tables(driver)).not.toContain('broken')
    const fixed = [
      migrations[0] as Migration,
      migration('20250101000100_broken', 'CREATE TABLE fixed (id INTEGER)'),
    ]
    const retry = await migrateToLatest({ driver, dialect: sqliteDialect, migrations: fixed })
    expect(retry.results?.map((result) => [result.migrationName, result.status])).toEqual([
      ['20250101000100_broken', 'Success'],
    ])
  })

  it('waits for the lock, times out with a report, and takes over an abandoned lock', async () => {
    const driver = openDriver()
    const migrations = [migration('20250101000000_first', 'CREATE TABLE first (id INTEGER)')]
    await migrateToLatest({ driver, dialect: sqliteDialect, migrations: [] })
    let time = 1_000_000
    await driver.execute(
      sql`UPDATE ${raw(MIGRATION_LOCK_TABLE)} SET is_locked = 1, locked_at = ${time}`,
    )
    const sleep = async (milliseconds: number) => {
      time += milliseconds
    }
    const blocked = await migrateToLatest({
      driver,
      dialect: sqliteDialect,
      migrations,
      now: () => time,
      sleep,
      lockTimeoutMs: 1000,
    })
    expect(blocked.results).toBeUndefined()
    expect(String(blocked.error)).toMatch(/Could not acquire the migration lock in 1000 ms/)
    const takenOver = await migrateToLatest({
      driver,
      dialect: sqliteDialect,
      migrations,
      now: () => time,
      sleep,
      staleLockMs: 500,
    })
    expect(takenOver.results?.map((result) => result.status)).toEqual(['Success'])
  })

  it('refuses badly named and reordered migrations', async () => {
    const driver = openDriver()
    const badName = await migrateToLatest({
      driver,
      dialect: sqliteDialect,
      migrations: [migration('first', 'SELECT 1')],
    })
    expect(String(badName.error)).toMatch(/must look like YYYYMMDDHHMMSS_snake_case_description/)
    await migrateToLatest({
      driver,
      dialect: sqliteDialect,
      migrations: [migration('20250101000100_b', 'SELECT 1')],
    })
    const inserted = await migrateToLatest({
      driver,
      dialect: sqliteDialect,
      migrations: [
        migration('20250101000000_a', 'SELECT 1'),
        migration('20250101000100_b', 'SELECT 1'),
      ],
    })
    expect(String(inserted.error)).toMatch(/Corrupted migrations: '20250101000100_b' was executed/)
  })
})
