import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { denormalizeTraceSearch } from '../migrations/20251124000000_denormalize_trace_search.ts'
import { migrateToLatest } from '../migrations/migrator.ts'
import { trackingMigrations } from '../migrations/tracking-migrations.ts'
import { createSqlBackendStores } from '../sql/sql-tracking-store.ts'
import { makeTraceInfo, START_TIME, traceIdOf } from '../traces/testing/trace-store-harness.ts'
import { sqliteDialect } from './sqlite-dialect.ts'
import { createSqliteDriver } from './sqlite-driver.ts'

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()))
})

const CACHING = trackingMigrations.indexOf(denormalizeTraceSearch)

describe('migration 20251124000000_denormalize_trace_search (SQLite)', () => {
  it('fills the JSON copies and the tag rows’ trace times of existing traces', async () => {
    const database = new Database(':memory:')
    database.exec('PRAGMA foreign_keys = ON')
    const driver = createSqliteDriver({ database })
    closers.push(() => driver.close())
    const before = await migrateToLatest({
      driver,
      dialect: sqliteDialect,
      migrations: trackingMigrations.slice(0, CACHING),
    })
    expect(before.error).toBeUndefined()
    const stores = await createSqlBackendStores({ driver, dialect: sqliteDialect, migrate: false })
    const experimentId = await stores.trackingStore.createExperiment({ name: 'cached' })
    const variants: { tags: Record<string, string>; traceMetadata: Record<string, string> }[] = [
      { tags: { team: 'nlp', 'a "quoted"\nkey': 'é 😀 \u0001' }, traceMetadata: { user: 'ada' } },
      { tags: {}, traceMetadata: {} },
      { tags: { long: 'x'.repeat(4097) }, traceMetadata: { '7': 'integer-like' } },
    ]
    for (const [index, variant] of variants.entries()) {
      await stores.traceStore.startTrace({
        traceInfo: makeTraceInfo({
          traceId: traceIdOf(index + 1),
          experimentId,
          requestTime: START_TIME + index,
          ...variant,
        }),
      })
    }
    database
      .prepare(
        `INSERT INTO trace_info (request_id, experiment_id, timestamp_ms, status)
         VALUES ('tr-without-entries', ?, ?, 'OK')`,
      )
      .run(Number(experimentId), START_TIME + 10)
    const after = await migrateToLatest({
      driver,
      dialect: sqliteDialect,
      migrations: trackingMigrations,
    })
    expect(after.results?.map((result) => [result.migrationName, result.status])).toEqual([
      [denormalizeTraceSearch.name, 'Success'],
    ])
    const rows = database
      .prepare('SELECT tags_json, metadata_json FROM trace_info ORDER BY timestamp_ms')
      .all() as { tags_json: string | null; metadata_json: string | null }[]
    const [tagged, bare, long, empty] = rows
    const tags = JSON.parse(tagged?.tags_json as string) as Record<string, string>
    expect(tags).toMatchObject({ team: 'nlp', 'a "quoted"\nkey': 'é 😀 \u0001' })
    expect(Object.keys(tags)).toEqual([...Object.keys(tags)].sort())
    expect(JSON.parse(tagged?.metadata_json as string)).toMatchObject({ user: 'ada' })
    // startTrace adds its own tags (the artifact location) and metadata.
    expect(JSON.parse(bare?.tags_json as string)).toHaveProperty('mlflow.artifactLocation')
    expect(empty).toEqual({ tags_json: '{}', metadata_json: '{}' })
    expect(long).toEqual({ tags_json: null, metadata_json: null })
    const triggers = database
      .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
      .all()
    expect(triggers).toHaveLength(7)
    const unstamped = database
      .prepare(
        `SELECT count(*) AS n FROM trace_tags t JOIN trace_info ti ON ti.request_id = t.request_id
         WHERE t.experiment_id IS NOT ti.experiment_id OR t.timestamp_ms IS NOT ti.timestamp_ms`,
      )
      .get() as { n: number }
    expect(unstamped.n).toBe(0)
    const stamped = database.prepare('SELECT count(*) AS n FROM trace_tags').get() as { n: number }
    expect(stamped.n).toBeGreaterThan(3)
  })
})
