/**
 * @module 20251101000300_create_assessment_tables
 * The table of assessments on traces (feedback, expectations, issue references), with the
 * columns of MLflow's `assessments` table that the stores use. Deleting a trace deletes its
 * assessments. Booleans are 0/1 integers, as elsewhere in the schema.
 */
import type { Migration } from './migration.ts'

const statements = [
  `CREATE TABLE assessments (
  assessment_id TEXT NOT NULL,
  trace_id TEXT NOT NULL REFERENCES trace_info (request_id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  assessment_type TEXT NOT NULL CHECK (assessment_type IN ('feedback', 'expectation', 'issue')),
  value TEXT NOT NULL,
  error TEXT,
  created_timestamp BIGINT NOT NULL,
  last_updated_timestamp BIGINT NOT NULL,
  source_type TEXT NOT NULL,
  source_id TEXT,
  run_id TEXT,
  span_id TEXT,
  rationale TEXT,
  overrides TEXT,
  valid INTEGER NOT NULL DEFAULT 1 CHECK (valid IN (0, 1)),
  assessment_metadata TEXT,
  CONSTRAINT assessments_pk PRIMARY KEY (assessment_id)
)`,
  'CREATE INDEX index_assessments_trace_id_created_timestamp ON assessments (trace_id, created_timestamp)',
  'CREATE INDEX index_assessments_run_id_created_timestamp ON assessments (run_id, created_timestamp)',
  'CREATE INDEX index_assessments_last_updated_timestamp ON assessments (last_updated_timestamp)',
  'CREATE INDEX index_assessments_name ON assessments (name, assessment_type)',
]

/** Creates the table of assessments on traces. */
export const createAssessmentTables: Migration = {
  name: '20251101000300_create_assessment_tables',
  up: { sqlite: statements, postgres: statements },
}
