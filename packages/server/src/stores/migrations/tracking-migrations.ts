/**
 * @module tracking-migrations
 * Every tracking-store migration, in order. Append new ones here.
 */
import { createTrackingTables } from './20250601000000_create_tracking_tables.ts'
import { addSearchIndexes } from './20250601000100_add_search_indexes.ts'
import { createRegistryTables } from './20251101000000_create_registry_tables.ts'
import { createLoggedModelTables } from './20251101000100_create_logged_model_tables.ts'
import { createTraceTables } from './20251101000200_create_trace_tables.ts'
import { createAssessmentTables } from './20251101000300_create_assessment_tables.ts'
import { tuneMetricTables } from './20251101000400_tune_metric_tables.ts'
import { denormalizeTraceSearch } from './20251124000000_denormalize_trace_search.ts'
import type { Migration } from './migration.ts'

/**
 * The tracking schema's migrations, oldest first.
 *
 * @example
 * const report = await migrateToLatest({ driver, dialect, migrations: trackingMigrations })
 */
export const trackingMigrations: readonly Migration[] = [
  createTrackingTables,
  addSearchIndexes,
  createRegistryTables,
  createLoggedModelTables,
  createTraceTables,
  createAssessmentTables,
  tuneMetricTables,
  denormalizeTraceSearch,
]
