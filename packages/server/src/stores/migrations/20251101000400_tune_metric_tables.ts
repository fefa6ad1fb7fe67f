/**
 * @module 20251101000400_tune_metric_tables
 * Makes logging and searching runs cheaper by storing each run's metrics, params and tags in
 * one clustered B-tree per table, ordered by run.
 *
 * SQLite, metrics: rebuilt as a `WITHOUT ROWID` table clustered on its primary key
 * (run_uuid, key, timestamp, step, value, is_nan), existing rows copied. The key keeps MLflow's
 * semantics (a point is unique by all six columns, so logging an exact duplicate is a no-op)
 * and is the order `get-history` reads in; a run's points for one key are one contiguous range
 * of it, which is all the other metric queries (bulk-interval sampling, run deletion) need. The
 * rowid table and the step index (`index_metrics_run_uuid_key_step`, a full copy of every row)
 * go away: one B-tree written per point instead of three.
 *
 * SQLite, params and tags: rebuilt as `WITHOUT ROWID` tables with the primary key written
 * (run_uuid, key): the same uniqueness as MLflow's (key, run_uuid), but a run's entries are
 * contiguous and carry their values. A search filter such as `params.model = 'm3'` then checks
 * a candidate run with one probe (it took a probe of the key index plus a fetch of the row),
 * and loading a page of runs reads params and tags in key ranges. The by-run indexes become
 * redundant and are dropped; the (key, value) indexes for value filters are rebuilt. The runs
 * index behind search order gains `run_uuid`, so candidate runs are filtered before their rows
 * are read. Together about half the SQLite work of a filtered search, and fewer B-trees to
 * write per param and tag.
 *
 * PostgreSQL: the metric step index is dropped for the same reason; the primary key index
 * already serves every metric query by its (run_uuid, key) prefix.
 */
import type { Migration } from './migration.ts'

const metricColumns = 'run_uuid, key, timestamp, step, value, is_nan'

/** The rebuilt SQLite tables: same columns, types, checks and foreign keys as before. */
const clusteredTables = [
  `CREATE TABLE metrics_clustered (
  run_uuid TEXT NOT NULL REFERENCES runs (run_uuid) ON DELETE CASCADE,
  key TEXT NOT NULL,
  timestamp BIGINT NOT NULL,
  step BIGINT NOT NULL DEFAULT 0,
  value DOUBLE PRECISION NOT NULL,
  is_nan INTEGER NOT NULL DEFAULT 0 CHECK (is_nan IN (0, 1)),
  CONSTRAINT metric_pk PRIMARY KEY (run_uuid, key, timestamp, step, value, is_nan)
) WITHOUT ROWID`,
  // Copied in primary-key order: the new B-tree is filled by appends.
  `INSERT INTO metrics_clustered (${metricColumns})
   SELECT ${metricColumns} FROM metrics ORDER BY ${metricColumns}`,
  // Drops index_metrics_run_uuid_key_step with it.
  'DROP TABLE metrics',
  'ALTER TABLE metrics_clustered RENAME TO metrics',

  `CREATE TABLE params_clustered (
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  run_uuid TEXT NOT NULL REFERENCES runs (run_uuid) ON DELETE CASCADE,
  CONSTRAINT param_pk PRIMARY KEY (run_uuid, key)
) WITHOUT ROWID`,
  `INSERT INTO params_clustered (key, value, run_uuid)
   SELECT key, value, run_uuid FROM params ORDER BY run_uuid, key`,
  // Drops index_params_run_uuid and index_params_key_value with it.
  'DROP TABLE params',
  'ALTER TABLE params_clustered RENAME TO params',
  'CREATE INDEX index_params_key_value ON params (key, value)',

  `CREATE TABLE tags_clustered (
  key TEXT NOT NULL,
  value TEXT,
  run_uuid TEXT NOT NULL REFERENCES runs (run_uuid) ON DELETE CASCADE,
  CONSTRAINT tag_pk PRIMARY KEY (run_uuid, key)
) WITHOUT ROWID`,
  `INSERT INTO tags_clustered (key, value, run_uuid)
   SELECT key, value, run_uuid FROM tags ORDER BY run_uuid, key`,
  // Drops index_tags_run_uuid and index_tags_key_value with it.
  'DROP TABLE tags',
  'ALTER TABLE tags_clustered RENAME TO tags',
  'CREATE INDEX index_tags_key_value ON tags (key, value)',

  'CREATE INDEX index_runs_experiment_stage_start_id ON runs (experiment_id, lifecycle_stage, start_time, run_uuid)',
  'DROP INDEX index_runs_experiment_stage_start',
]

/**
 * Clusters metrics, params and tags by run (SQLite) and drops the redundant metric step index
 * (both dialects).
 *
 * @example
 * await migrateToLatest({ driver, dialect, migrations: trackingMigrations }) // runs it last
 */
export const tuneMetricTables: Migration = {
  name: '20251101000400_tune_metric_tables',
  up: {
    sqlite: clusteredTables,
    postgres: ['DROP INDEX IF EXISTS index_metrics_run_uuid_key_step'],
  },
}
