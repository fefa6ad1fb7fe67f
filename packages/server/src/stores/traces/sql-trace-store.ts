/**
 * @module sql-trace-store
 * The {@link TraceStore} over the tracking database (SQLite or PostgreSQL).
 */
import type { SqlStoreContext } from '../sql/sql-store-context.ts'
import type { TraceStore } from './trace-store.ts'

/**
 * The trace store on an open, migrated tracking database.
 *
 * @example
 * const traceStore = createSqlTraceStore(context)
 */
export function createSqlTraceStore(_context: SqlStoreContext): TraceStore {
  return {
    logSpans: async () => {
      throw new Error('not built yet')
    },
  }
}
