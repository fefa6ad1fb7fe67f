/**
 * @module sql-registry-store
 * The {@link RegistryStore} over the tracking database (SQLite or PostgreSQL).
 */
import type { SqlStoreContext } from '../sql/sql-store-context.ts'
import type { RegistryStore } from './registry-store.ts'

/**
 * The registry store on an open, migrated tracking database.
 *
 * @example
 * const registryStore = createSqlRegistryStore(context)
 */
export function createSqlRegistryStore(_context: SqlStoreContext): RegistryStore {
  return { storeKind: 'registry' }
}
