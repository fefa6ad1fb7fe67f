import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { tuneMetricTables } from '../migrations/20251101000400_tune_metric_tables.ts'
import { migrateToLatest } from '../migrations/migrator.ts'
import { trackingMigrations } from '../migrations/tracking-migrations.ts'
import type { SqlDriver } from '../sql/sql-driver.ts'
import { raw, sql, withWideIntegers } from '../sql/sql-fragment.ts'
import { createSqlBackendStores } from '../sql/sql-tracking-store.ts'
import type { TrackingStore } from '../tracking-store.ts'
import { sqliteDialect } from './sqlite-dialect.ts'
import { createSqliteDriver } from './sqlite-driver.ts'
import { createSqliteBackendStores } from './sqlite-tracking-store.ts'

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()))
})

/** The migrations up to and including the metric-table tuning. */
const TUNING = trackingMigrations.indexOf(tuneMetricTables)
const UP_TO_TUNING = trackingMigrations.slice(0, TUNING + 1)

/** An in-memory database migrated up to, not including, the metric-table tuning. */
async function openBeforeTuning(): Promise<{
  database: Database.Database
  driver: SqlDriver
  store: TrackingStore
}> {
  const database = new Database(':memory:')
  database.exec('PRAGMA foreign_keys = ON')
  const driver = createSqliteDriver({ database })
  closers.push(() => driver.close())
  const report = await migrateToLatest({
    driver,
    dialect: sqliteDialect,
    migrations: trackingMigrations.slice(0, TUNING),
  })
  expect(report.error).toBeUndefined()
  const stores = await createSqlBackendStores({ driver, dialect: sqliteDialect, migrate: false })
  return { database, driver, store: stores.trackingStore }
}

const allMetricRows = (driver: SqlDriver) =>
  driver
    .execute(
      withWideIntegers(sql`SELECT run_uuid, key, timestamp, step, value, is_nan FROM metrics
        ORDER BY run_uuid, key, timestamp, step, value, is_nan`),
    )
    .then((result) => result.rows)

const allRows = (driver: SqlDriver, table: 'params' | 'tags') =>
  driver
    .execute(sql`SELECT run_uuid, key, value FROM ${raw(table)} ORDER BY run_uuid, key`)
    .then((result) => result.rows)

const indexesOf = (database: Database.Database, table: string) =>
  (
    database
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? ORDER BY name")
      .all(table) as { name: string }[]
  ).map((row) => row.name)

const schemaOf = (database: Database.Database, name: string) =>
  (
    database.prepare('SELECT sql FROM sqlite_master WHERE name = ?').get(name) as
      | { sql: string }
      | undefined
  )?.sql

describe('migration 20251101000400_tune_metric_tables (SQLite)', () => {
  it('rebuilds metrics as one clustered B-tree and copies every row exactly', async () => {
    const { database, driver, store } = await openBeforeTuning()
    const experimentId = await store.createExperiment({ name: 'tuning' })
    const runs = await Promise.all(
      ['a', 'b'].map((name) => store.createRun({ experimentId, runName: name, startTime: 1 })),
    )
    const [first, second] = runs.map((run) => run.info.runId) as [string, string]
    await store.logBatch({
      runId: first,
      metrics: [
        { key: 'loss', value: 0.5, timestamp: 10, step: 0 },
        { key: 'loss', value: Number.NaN, timestamp: 11, step: 1 },
        { key: 'loss', value: Number.POSITIVE_INFINITY, timestamp: 12, step: 2 },
        { key: 'acc', value: 0.1234567890123456, timestamp: 10, step: 2n ** 60n },
      ],
    })
    await store.logBatch({
      runId: second,
      metrics: [{ key: 'loss', value: -1.5, timestamp: 20, step: 3 }],
      params: [
        { key: 'lr', value: '0.1' },
        { key: 'model', value: 'm3' },
      ],
      tags: [{ key: 'team', value: 'x'.repeat(5000) }],
    })
    await store.logBatch({ runId: first, params: [{ key: 'model', value: 'm1' }] })
    expect(schemaOf(database, 'index_metrics_run_uuid_key_step')).toBeDefined()
    const before = await allMetricRows(driver)
    expect(before).toHaveLength(5)
    const paramsBefore = await allRows(driver, 'params')
    const tagsBefore = await allRows(driver, 'tags')
    expect(paramsBefore).toHaveLength(3)
    expect(tagsBefore.length).toBeGreaterThanOrEqual(3)

    const report = await migrateToLatest({
      driver,
      dialect: sqliteDialect,
      migrations: UP_TO_TUNING,
    })
    expect(report).toEqual({
      results: [{ migrationName: tuneMetricTables.name, direction: 'Up', status: 'Success' }],
    })
    expect(await allMetricRows(driver)).toEqual(before)
    expect(await allRows(driver, 'params')).toEqual(paramsBefore)
    expect(await allRows(driver, 'tags')).toEqual(tagsBefore)
    for (const table of ['metrics', 'params', 'tags']) {
      expect(schemaOf(database, table)).toMatch(/WITHOUT ROWID$/)
      expect(schemaOf(database, `${table}_clustered`)).toBeUndefined()
    }
    expect(schemaOf(database, 'params')).toContain('PRIMARY KEY (run_uuid, key)')
    expect(schemaOf(database, 'tags')).toContain('PRIMARY KEY (run_uuid, key)')
    expect(indexesOf(database, 'params')).toEqual(['index_params_key_value'])
    expect(indexesOf(database, 'tags')).toEqual(['index_tags_key_value'])
    expect(indexesOf(database, 'runs')).toContain('index_runs_experiment_stage_start_id')
    expect(indexesOf(database, 'runs')).not.toContain('index_runs_experiment_stage_start')
    expect(schemaOf(database, 'metrics')).toContain(
      'PRIMARY KEY (run_uuid, key, timestamp, step, value, is_nan)',
    )
    expect(indexesOf(database, 'metrics')).toEqual([])
    const history = await store.getMetricHistory({ runId: first, metricKey: 'loss' })
    expect(history.metrics.map((metric) => metric.timestamp)).toEqual([10, 11, 12])
    expect(history.metrics[1]?.value).toBeNaN()
    const acc = await store.getMetricHistory({ runId: first, metricKey: 'acc' })
    expect(acc.metrics[0]?.step).toBe(2n ** 60n)
    const found = await store.searchRuns({
      experimentIds: [experimentId],
      filter: "params.model = 'm3' and tags.team LIKE 'xx%'",
    })
    expect(found.runs.map((run) => run.info.runId)).toEqual([second])
    expect(found.runs[0]?.data.params).toEqual([
      { key: 'lr', value: '0.1' },
      { key: 'model', value: 'm3' },
    ])
    await expect(
      store.logBatch({ runId: second, params: [{ key: 'model', value: 'other' }] }),
    ).rejects.toThrow(/Changing param values is not allowed/)
    await store.setTag({ runId: second, key: 'team', value: 'y' })
    expect((await store.getRunOrThrow({ runId: second })).data.tags).toContainEqual({
      key: 'team',
      value: 'y',
    })
  })

  it('keeps MLflow primary-key semantics: exact duplicates are no-ops', async () => {
    const { driver, store } = await openBeforeTuning()
    await migrateToLatest({ driver, dialect: sqliteDialect, migrations: UP_TO_TUNING })
    const experimentId = await store.createExperiment({ name: 'duplicates' })
    const { runId } = (await store.createRun({ experimentId, startTime: 1 })).info
    const point = { key: 'loss', value: 0.25, timestamp: 5, step: 1 }
    expect((await store.logBatch({ runId, metrics: [point, point] })).metrics).toEqual({
      written: 1,
      duplicates: 1,
    })
    expect((await store.logBatch({ runId, metrics: [point] })).metrics).toEqual({
      written: 0,
      duplicates: 1,
    })
    const variants = [
      { ...point, value: 0.5 },
      { ...point, timestamp: 6 },
      { ...point, step: 2 },
      { ...point, value: Number.NaN },
    ]
    expect((await store.logBatch({ runId, metrics: variants })).metrics).toEqual({
      written: 4,
      duplicates: 0,
    })
    expect(await allMetricRows(driver)).toHaveLength(5)
  })

  it('keeps the foreign key to runs: unknown runs are refused, deleting a run cascades', async () => {
    const { database, driver, store } = await openBeforeTuning()
    await migrateToLatest({ driver, dialect: sqliteDialect, migrations: UP_TO_TUNING })
    const experimentId = await store.createExperiment({ name: 'cascade' })
    const { runId } = (await store.createRun({ experimentId, startTime: 1 })).info
    await store.logBatch({ runId, metrics: [{ key: 'loss', value: 1, timestamp: 1, step: 0 }] })
    expect(() =>
      database
        .prepare(
          "INSERT INTO metrics (run_uuid, key, timestamp, step, value, is_nan) VALUES ('nope', 'k', 1, 0, 1, 0)",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/)
    database.prepare('DELETE FROM runs WHERE run_uuid = ?').run(runId)
    expect(await allMetricRows(driver)).toEqual([])
  })

  it('checks a search filter with one primary-key probe per candidate run', async () => {
    const { database, driver } = await openBeforeTuning()
    await migrateToLatest({ driver, dialect: sqliteDialect, migrations: UP_TO_TUNING })
    const plan = database
      .prepare(
        `EXPLAIN QUERY PLAN SELECT r.run_uuid, r.name FROM runs r
         WHERE r.experiment_id IN (?) AND r.lifecycle_stage IN (?)
           AND EXISTS (SELECT 1 FROM params kv WHERE kv.run_uuid = r.run_uuid AND kv.key = ? AND kv.value = ?)
         ORDER BY r.start_time DESC, r.run_uuid ASC LIMIT 101 OFFSET 0`,
      )
      .all(1, 'active', 'model', 'm3') as { detail: string }[]
    const details = plan.map((row) => row.detail).join(' | ')
    expect(details).toContain('USING INDEX index_runs_experiment_stage_start_id')
    expect(details).toContain('SEARCH kv USING PRIMARY KEY (run_uuid=? AND key=?)')
  })

  it('reads a history in primary-key order, without sorting', async () => {
    const { database, driver } = await openBeforeTuning()
    await migrateToLatest({ driver, dialect: sqliteDialect, migrations: UP_TO_TUNING })
    const plan = database
      .prepare(
        `EXPLAIN QUERY PLAN SELECT key, value, timestamp, step, is_nan FROM metrics
         WHERE run_uuid = ? AND key = ? ORDER BY timestamp, step, value LIMIT 10 OFFSET 0`,
      )
      .all('r', 'loss') as { detail: string }[]
    const details = plan.map((row) => row.detail).join(' | ')
    expect(details).toContain('USING PRIMARY KEY (run_uuid=? AND key=?)')
    expect(details).not.toContain('TEMP B-TREE')
  })
})

describe('metric batches on SQLite', () => {
  async function openStore() {
    const database = new Database(':memory:')
    const prepared: string[] = []
    const prepare = database.prepare.bind(database)
    database.prepare = ((source: string) => {
      prepared.push(source)
      return prepare(source)
    }) as typeof database.prepare
    const stores = await createSqliteBackendStores({ database })
    closers.push(() => stores.close())
    const store = stores.trackingStore
    const experimentId = await store.createExperiment({ name: 'batches' })
    const { runId } = (await store.createRun({ experimentId, startTime: 1 })).info
    return { database, store, runId, prepared }
  }

  it('keeps temporary storage (statement journals) in memory', async () => {
    const { database } = await openStore()
    expect(database.pragma('temp_store', { simple: true })).toBe(2)
  })

  it('writes batches of every size, each point once, through three prepared statements', async () => {
    const { store, runId, prepared } = await openStore()
    let step = 0
    let m0Points = 0
    for (const size of [1, 9, 10, 11, 99, 100, 101, 257, 999]) {
      const metrics = Array.from({ length: size }, (_, index) => ({
        key: `m${index % 3}`,
        value: index / 7,
        timestamp: 1_760_000_000_000 + step,
        step: step + index,
      }))
      step += size
      m0Points += Math.ceil(size / 3)
      const report = await store.logBatch({ runId, metrics: [...metrics, metrics[0]!] })
      expect(report.metrics, `batch of ${size}`).toEqual({ written: size, duplicates: 1 })
      const history = await store.getMetricHistory({ runId, metricKey: 'm0' })
      expect(history.metrics).toHaveLength(m0Points)
    }
    const inserts = prepared.filter((text) => text.startsWith('INSERT INTO metrics ('))
    expect(inserts.map((text) => text.split('(?, ?, ?, ?, ?, ?)').length - 1).sort()).toEqual([
      1, 10, 100,
    ])
    const upserts = prepared.filter((text) => text.startsWith('INSERT INTO latest_metrics ('))
    expect(upserts.length).toBeLessThanOrEqual(3)
  })

  it('moves each key to its latest point (step, then timestamp, then value)', async () => {
    const { store, runId } = await openStore()
    await store.logBatch({
      runId,
      metrics: [
        { key: 'loss', value: 3, timestamp: 1, step: 5 },
        { key: 'loss', value: 1, timestamp: 9, step: 4 },
        { key: 'loss', value: 2, timestamp: 2, step: 5 },
        { key: 'acc', value: 0.5, timestamp: 1, step: 0 },
        { key: 'acc', value: 0.7, timestamp: 1, step: 0 },
      ],
    })
    await store.logBatch({ runId, metrics: [{ key: 'loss', value: 9, timestamp: 100, step: 1 }] })
    const run = await store.getRunOrThrow({ runId })
    expect(run.data.metrics).toEqual([
      { key: 'acc', value: 0.7, timestamp: 1, step: 0 },
      { key: 'loss', value: 2, timestamp: 2, step: 5 },
    ])
  })
})
