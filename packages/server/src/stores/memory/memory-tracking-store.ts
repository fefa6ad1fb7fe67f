/**
 * @module memory-tracking-store
 * An in-memory tracking store for tests and demos: the SQLite store on a `:memory:` database,
 * so it behaves exactly like the real thing and vanishes on `close()`.
 */
import { openSqliteTrackingStore } from '../sqlite/sqlite-tracking-store.ts'
import type { SqlTrackingStoreSettings } from '../sql/sql-store-context.ts'
import type { TrackingStore } from '../tracking-store.ts'

/**
 * Creates an empty in-memory store (with the Default experiment).
 *
 * @example
 * const store = await createMemoryTrackingStore({ now: () => 1_700_000_000_000 })
 * await store.createExperiment({ name: 'test' })
 */
export async function createMemoryTrackingStore(
  options: SqlTrackingStoreSettings = {},
): Promise<TrackingStore> {
  return openSqliteTrackingStore({ ...options, path: ':memory:' })
}
