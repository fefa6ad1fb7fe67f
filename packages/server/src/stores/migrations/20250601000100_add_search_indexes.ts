/**
 * @module 20250601000100_add_search_indexes
 * Indexes behind every query the stores run, so that no request scans a whole table: runs by
 * experiment and stage in start-time order, a run's tags, params and latest metrics, a metric's
 * history in time and in step order, metric values by key (for `metrics.x > v` filters), and
 * tag/param values by key. PostgreSQL cannot put 6000-character values in a B-tree entry, so
 * there the value indexes are hash indexes (equality filters); SQLite gets composite B-trees.
 */
import type { Migration } from './migration.ts'

const shared = [
  'CREATE INDEX index_runs_experiment_stage_start ON runs (experiment_id, lifecycle_stage, start_time)',
  'CREATE INDEX index_tags_run_uuid ON tags (run_uuid)',
  'CREATE INDEX index_params_run_uuid ON params (run_uuid)',
  'CREATE INDEX index_latest_metrics_run_uuid ON latest_metrics (run_uuid)',
  'CREATE INDEX index_latest_metrics_key_value ON latest_metrics (key, value)',
  'CREATE INDEX index_metrics_run_uuid_key_step ON metrics (run_uuid, key, step, timestamp, value)',
  'CREATE INDEX index_experiment_tags_experiment_id ON experiment_tags (experiment_id)',
  'CREATE INDEX index_experiments_lifecycle_creation ON experiments (lifecycle_stage, creation_time)',
  'CREATE INDEX index_inputs_destination ON inputs (destination_type, destination_id)',
  'CREATE INDEX index_datasets_dataset_uuid ON datasets (dataset_uuid)',
]

/**
 * Adds the search indexes.
 *
 * @example
 * await migrateToLatest({ driver, dialect, migrations: [createTrackingTables, addSearchIndexes] })
 */
export const addSearchIndexes: Migration = {
  name: '20250601000100_add_search_indexes',
  up: {
    sqlite: [
      ...shared,
      'CREATE INDEX index_tags_key_value ON tags (key, value)',
      'CREATE INDEX index_params_key_value ON params (key, value)',
    ],
    postgres: [
      ...shared,
      'CREATE INDEX index_tags_value ON tags USING hash (value)',
      'CREATE INDEX index_params_value ON params USING hash (value)',
    ],
  },
}
