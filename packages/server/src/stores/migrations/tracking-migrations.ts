/**
 * @module tracking-migrations
 * Every tracking-store migration, in order. Append new ones here.
 */
import { createTrackingTables } from './20250601000000_create_tracking_tables.ts'
import { addSearchIndexes } from './20250601000100_add_search_indexes.ts'
import type { Migration } from './migration.ts'

/**
 * The tracking schema's migrations, oldest first.
 *
 * @example
 * const report = await migrateToLatest({ driver, dialect, migrations: trackingMigrations })
 */
export const trackingMigrations: readonly Migration[] = [createTrackingTables, addSearchIndexes]
