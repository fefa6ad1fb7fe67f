import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tuneMetricTables } from '../migrations/20251101000400_tune_metric_tables.ts'
import { migrateToLatest } from '../migrations/migrator.ts'
import { trackingMigrations } from '../migrations/tracking-migrations.ts'
import { sql } from '../sql/sql-fragment.ts'
import {
  findPostgresBinaries,
  type PostgresServer,
  startPostgresServer,
} from '../testing/postgres-server.ts'
import { postgresDialect } from './postgres-dialect.ts'
import {
  createPostgresDriver,
  createStatementNames,
  toPostgresPlaceholders,
} from './postgres-driver.ts'
import { openPostgresBackendStores } from './postgres-tracking-store.ts'

describe('createStatementNames', () => {
  it('names a text from its second use, the same name every time after', () => {
    const nameOf = createStatementNames()
    expect(nameOf('SELECT $1')).toBeUndefined()
    expect(nameOf('SELECT $1')).toBe('dspyflow_1')
    expect(nameOf('SELECT $1')).toBe('dspyflow_1')
    expect(nameOf('SELECT $1, $2')).toBeUndefined()
    expect(nameOf('SELECT $1, $2')).toBe('dspyflow_2')
  })

  it('stops naming new texts at the limit', () => {
    const nameOf = createStatementNames({ afterUses: 1, max: 2 })
    expect(['a', 'b', 'c', 'a'].map(nameOf)).toEqual([
      'dspyflow_1',
      'dspyflow_2',
      undefined,
      'dspyflow_1',
    ])
  })

  it('rewrites placeholders', () => {
    expect(toPostgresPlaceholders('a = ? AND b IN (?, ?)')).toBe('a = $1 AND b IN ($2, $3)')
  })
})

const binaries = findPostgresBinaries()

if (!binaries) {
  describe.skip('PostgreSQL driver (PostgreSQL binaries not found)', () => {
    it('needs initdb and pg_ctl', () => undefined)
  })
} else {
  let server: PostgresServer
  beforeAll(async () => {
    server = await startPostgresServer({ binaries })
  }, 120_000)
  afterAll(async () => {
    await server?.stop()
  })

  describe('PostgreSQL driver', () => {
    it('runs repeated statements as prepared statements with the same results', async () => {
      const connectionString = await server.createDatabase('driver_prepared')
      // One connection: pg_prepared_statements shows the current session's statements.
      const driver = createPostgresDriver({ pool: new pg.Pool({ connectionString, max: 1 }) })
      try {
        await driver.execute(sql`CREATE TABLE t (id BIGINT PRIMARY KEY, v TEXT)`)
        for (let id = 1; id <= 5; id += 1) {
          const insert = await driver.execute(
            sql`INSERT INTO t (id, v) VALUES (${id}, ${`v${id}`})`,
          )
          expect(insert.changes).toBe(1)
        }
        await driver.transaction(async (executor) => {
          await executor.execute(sql`INSERT INTO t (id, v) VALUES (${6}, ${'v6'})`)
        })
        await expect(
          driver.transaction(async (executor) => {
            await executor.execute(sql`INSERT INTO t (id, v) VALUES (${7}, ${'v7'})`)
            await executor.execute(sql`INSERT INTO t (id, v) VALUES (${7}, ${'again'})`)
          }),
        ).rejects.toThrow(/duplicate key/)
        const big = 2n ** 62n
        await driver.execute(sql`INSERT INTO t (id, v) VALUES (${big}, ${'big'})`)
        const rows = await driver.execute(sql`SELECT id, v FROM t WHERE id > ${0} ORDER BY id`)
        expect(rows.rows.map((row) => row.v)).toEqual(['v1', 'v2', 'v3', 'v4', 'v5', 'v6', 'big'])
        const prepared = await driver.execute(
          sql`SELECT count(*) AS n FROM pg_prepared_statements WHERE name LIKE ${'dspyflow_%'}`,
        )
        expect(Number(prepared.rows[0]?.n)).toBeGreaterThan(0)
      } finally {
        await driver.close()
      }
    })

    it('drops the redundant metric step index and keeps the metric rows', async () => {
      const connectionString = await server.createDatabase('tune_metrics')
      const pool = new pg.Pool({ connectionString, max: 2 })
      const driver = createPostgresDriver({ pool })
      const indexes = async () =>
        (
          await driver.execute(
            sql`SELECT indexname FROM pg_indexes WHERE tablename = ${'metrics'} ORDER BY indexname`,
          )
        ).rows.map((row) => row.indexname)
      try {
        await migrateToLatest({
          driver,
          dialect: postgresDialect,
          migrations: trackingMigrations.slice(0, trackingMigrations.indexOf(tuneMetricTables)),
        })
        expect(await indexes()).toEqual(['index_metrics_run_uuid_key_step', 'metric_pk'])
        await driver.execute(
          sql`INSERT INTO experiments (experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time)
              VALUES (${1}, ${'e'}, ${'/tmp'}, ${'active'}, ${1}, ${1})`,
        )
        await driver.execute(
          sql`INSERT INTO runs (run_uuid, experiment_id, status, start_time, lifecycle_stage, artifact_uri)
              VALUES (${'r1'}, ${1}, ${'RUNNING'}, ${1}, ${'active'}, ${'/tmp/r1'})`,
        )
        await driver.execute(
          sql`INSERT INTO metrics (run_uuid, key, timestamp, step, value, is_nan)
              VALUES (${'r1'}, ${'loss'}, ${1}, ${0}, ${0.5}, ${0}), (${'r1'}, ${'loss'}, ${2}, ${1}, ${0.25}, ${0})`,
        )
        const report = await migrateToLatest({
          driver,
          dialect: postgresDialect,
          migrations: trackingMigrations,
        })
        expect(report.error).toBeUndefined()
        expect(await indexes()).toEqual(['metric_pk'])
        const rows = await driver.execute(sql`SELECT value FROM metrics ORDER BY timestamp`)
        expect(rows.rows.map((row) => Number(row.value))).toEqual([0.5, 0.25])
      } finally {
        await driver.close()
      }
    })

    it('writes metric batches of every size once, duplicates skipped, latest values kept', async () => {
      const stores = await openPostgresBackendStores({
        connectionString: server.connectionString,
        schema: 'metric_batches',
      })
      try {
        const store = stores.trackingStore
        const experimentId = await store.createExperiment({ name: 'batches' })
        const { runId } = (await store.createRun({ experimentId, startTime: 1 })).info
        let step = 0
        let points = 0
        for (const size of [1, 9, 10, 11, 99, 100, 101, 257, 999]) {
          const metrics = Array.from({ length: size }, (_, index) => ({
            key: 'loss',
            value: index / 7,
            timestamp: 1_760_000_000_000 + step + index,
            step: step + index,
          }))
          step += size
          points += size
          const report = await store.logBatch({ runId, metrics: [...metrics, metrics[0]!] })
          expect(report.metrics, `batch of ${size}`).toEqual({ written: size, duplicates: 1 })
        }
        const history = await store.getMetricHistory({ runId, metricKey: 'loss' })
        expect(history.metrics).toHaveLength(points)
        const run = await store.getRunOrThrow({ runId })
        expect(run.data.metrics).toEqual([
          { key: 'loss', value: 998 / 7, timestamp: 1_760_000_000_000 + step - 1, step: step - 1 },
        ])
      } finally {
        await stores.close()
      }
    })
  })
}
