/**
 * @module sql-logged-model-store
 * The {@link LoggedModelStore} over the tracking database (SQLite or PostgreSQL).
 */
import type { SqlStoreContext } from '../sql/sql-store-context.ts'
import type { LoggedModelStore } from './logged-model-store.ts'

/**
 * The logged-model store on an open, migrated tracking database.
 *
 * @example
 * const loggedModelStore = createSqlLoggedModelStore(context)
 */
export function createSqlLoggedModelStore(_context: SqlStoreContext): LoggedModelStore {
  return {
    getLoggedModel: async () => undefined,
  }
}
