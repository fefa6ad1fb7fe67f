/**
 * @module 20251101000000_create_registry_tables
 * Tables of the model registry (registered models, versions, tags, aliases), keyed as in
 * MLflow's SQL store: a model by its name, a version by (name, version), tags by their key, and
 * aliases by (name, alias). Children follow a renamed or deleted model through `ON UPDATE` /
 * `ON DELETE CASCADE`. Deleted versions stay as rows in the internal stage `Deleted_Internal`,
 * so their numbers are never reused. On PostgreSQL names compare and sort byte-wise (`COLLATE
 * "C"`), as on SQLite, whatever the database's locale.
 */
import type { Migration } from './migration.ts'

function tables(nameType: string): string[] {
  return [
    `CREATE TABLE registered_models (
  name ${nameType} NOT NULL,
  creation_time BIGINT,
  last_updated_time BIGINT,
  description TEXT,
  CONSTRAINT registered_model_pk PRIMARY KEY (name)
)`,
    `CREATE TABLE model_versions (
  name ${nameType} NOT NULL REFERENCES registered_models (name)
    ON UPDATE CASCADE ON DELETE CASCADE,
  version INTEGER NOT NULL,
  creation_time BIGINT,
  last_updated_time BIGINT,
  description TEXT,
  user_id TEXT,
  current_stage TEXT NOT NULL DEFAULT 'None',
  source TEXT,
  storage_location TEXT,
  run_id TEXT,
  run_link TEXT,
  status TEXT NOT NULL DEFAULT 'READY',
  status_message TEXT,
  CONSTRAINT model_version_pk PRIMARY KEY (name, version)
)`,
    `CREATE TABLE registered_model_tags (
  name ${nameType} NOT NULL REFERENCES registered_models (name)
    ON UPDATE CASCADE ON DELETE CASCADE,
  key TEXT NOT NULL,
  value TEXT,
  CONSTRAINT registered_model_tag_pk PRIMARY KEY (name, key)
)`,
    `CREATE TABLE model_version_tags (
  name ${nameType} NOT NULL,
  version INTEGER NOT NULL,
  key TEXT NOT NULL,
  value TEXT,
  CONSTRAINT model_version_tag_pk PRIMARY KEY (name, version, key),
  CONSTRAINT model_version_tag_fk FOREIGN KEY (name, version)
    REFERENCES model_versions (name, version) ON UPDATE CASCADE ON DELETE CASCADE
)`,
    `CREATE TABLE registered_model_aliases (
  name ${nameType} NOT NULL REFERENCES registered_models (name)
    ON UPDATE CASCADE ON DELETE CASCADE,
  alias TEXT NOT NULL,
  version INTEGER NOT NULL,
  CONSTRAINT registered_model_alias_pk PRIMARY KEY (name, alias)
)`,
    'CREATE INDEX index_model_versions_run_id ON model_versions (run_id)',
    'CREATE INDEX index_model_versions_last_updated ON model_versions (last_updated_time)',
    'CREATE INDEX index_registered_models_last_updated ON registered_models (last_updated_time)',
  ]
}

/**
 * Creates the tables of the model registry.
 *
 * @example
 * await migrateToLatest({ driver, dialect, migrations: trackingMigrations })
 */
export const createRegistryTables: Migration = {
  name: '20251101000000_create_registry_tables',
  up: { sqlite: tables('TEXT'), postgres: tables('TEXT COLLATE "C"') },
}
