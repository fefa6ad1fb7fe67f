/**
 * @module 20251101000100_create_logged_model_tables
 * Tables of MLflow 3 logged models (models, params, tags, metrics) and of the models a run
 * produced, with the keys of MLflow's SQL store: one value per param key (a second one is a
 * key violation), one value per tag key (upserted), one metric point per (model, name,
 * timestamp, step, run). Model inputs of runs live in `inputs` (`RUN_INPUT` → `MODEL_INPUT`), as
 * in MLflow; model outputs get their own table because they carry a step.
 */
import type { Migration } from './migration.ts'

const statements = [
  `CREATE TABLE logged_models (
  model_id TEXT NOT NULL,
  experiment_id BIGINT NOT NULL REFERENCES experiments (experiment_id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  artifact_location TEXT NOT NULL,
  creation_timestamp_ms BIGINT NOT NULL,
  last_updated_timestamp_ms BIGINT NOT NULL,
  status INTEGER NOT NULL,
  lifecycle_stage TEXT NOT NULL DEFAULT 'active' CHECK (lifecycle_stage IN ('active', 'deleted')),
  model_type TEXT,
  source_run_id TEXT,
  status_message TEXT,
  CONSTRAINT logged_models_pk PRIMARY KEY (model_id)
)`,
  `CREATE TABLE logged_model_params (
  model_id TEXT NOT NULL REFERENCES logged_models (model_id) ON DELETE CASCADE,
  experiment_id BIGINT NOT NULL REFERENCES experiments (experiment_id) ON DELETE CASCADE,
  param_key TEXT NOT NULL,
  param_value TEXT NOT NULL,
  CONSTRAINT logged_model_params_pk PRIMARY KEY (model_id, param_key)
)`,
  `CREATE TABLE logged_model_tags (
  model_id TEXT NOT NULL REFERENCES logged_models (model_id) ON DELETE CASCADE,
  experiment_id BIGINT NOT NULL REFERENCES experiments (experiment_id) ON DELETE CASCADE,
  tag_key TEXT NOT NULL,
  tag_value TEXT NOT NULL,
  CONSTRAINT logged_model_tags_pk PRIMARY KEY (model_id, tag_key)
)`,
  `CREATE TABLE logged_model_metrics (
  model_id TEXT NOT NULL REFERENCES logged_models (model_id) ON DELETE CASCADE,
  metric_name TEXT NOT NULL,
  metric_timestamp_ms BIGINT NOT NULL,
  metric_step BIGINT NOT NULL,
  metric_value DOUBLE PRECISION,
  experiment_id BIGINT NOT NULL REFERENCES experiments (experiment_id) ON DELETE CASCADE,
  run_id TEXT NOT NULL REFERENCES runs (run_uuid) ON DELETE CASCADE,
  dataset_uuid TEXT,
  dataset_name TEXT,
  dataset_digest TEXT,
  CONSTRAINT logged_model_metrics_pk
    PRIMARY KEY (model_id, metric_name, metric_timestamp_ms, metric_step, run_id)
)`,
  `CREATE TABLE run_model_outputs (
  run_uuid TEXT NOT NULL REFERENCES runs (run_uuid) ON DELETE CASCADE,
  model_id TEXT NOT NULL,
  step BIGINT NOT NULL DEFAULT 0,
  CONSTRAINT run_model_outputs_pk PRIMARY KEY (run_uuid, model_id)
)`,
  `CREATE INDEX index_logged_models_experiment_stage_creation
  ON logged_models (experiment_id, lifecycle_stage, creation_timestamp_ms)`,
  'CREATE INDEX index_logged_model_metrics_name ON logged_model_metrics (metric_name, model_id)',
  'CREATE INDEX index_logged_model_metrics_run_id ON logged_model_metrics (run_id)',
]

/**
 * Creates the tables of MLflow 3 logged models and run model outputs.
 *
 * @example
 * await migrateToLatest({ driver, dialect, migrations: trackingMigrations })
 */
export const createLoggedModelTables: Migration = {
  name: '20251101000100_create_logged_model_tables',
  up: { sqlite: statements, postgres: statements },
}
