/**
 * @module 20251101000000_create_registry_tables
 * Tables of the model registry (registered models, versions, tags, aliases).
 */
import type { Migration } from './migration.ts'

/** Creates the tables of the model registry (registered models, versions, tags, aliases). */
export const createRegistryTables: Migration = {
  name: '20251101000000_create_registry_tables',
  up: { sqlite: [], postgres: [] },
}
