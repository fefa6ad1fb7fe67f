/**
 * @module 20251101000200_create_trace_tables
 * Tables of traces (trace info, tags, metadata, spans, run links, trace metrics), with the keys
 * MLflow's SQL store uses (§11 of the API spec) and indexes for the trace searches at millions
 * of spans: the default order (experiment, newest first), run links, the `mlflow.sourceRun`
 * metadata, and span name / type filters (each an exact (name, trace) lookup per candidate trace;
 * other span filters read the trace's spans through the primary key). Deleting a trace info row
 * cascades to its tags, metadata, spans and metrics (and to assessments, whose table references
 * `trace_info`).
 */
import type { Migration } from './migration.ts'

// On SQLite the key/value tables are clustered on their primary key (WITHOUT ROWID): a page of
// search results reads its traces' tags and metadata, and tag filters probe (request_id, key),
// without a second lookup into a rowid table.
const childTable = (table: string, valueType: string) => `CREATE TABLE ${table} (
  key TEXT NOT NULL,
  value ${valueType},
  request_id TEXT NOT NULL REFERENCES trace_info (request_id) ON DELETE CASCADE,
  CONSTRAINT ${table}_pk PRIMARY KEY (request_id, key)
)`

const clustered = (statement: string) =>
  /^CREATE TABLE trace_(tags|request_metadata|metrics) /.test(statement)
    ? `${statement} WITHOUT ROWID`
    : statement

const statements = [
  `CREATE TABLE trace_info (
  request_id TEXT NOT NULL,
  experiment_id BIGINT NOT NULL REFERENCES experiments (experiment_id) ON DELETE CASCADE,
  timestamp_ms BIGINT NOT NULL,
  execution_time_ms BIGINT,
  status TEXT NOT NULL,
  client_request_id TEXT,
  request_preview TEXT,
  response_preview TEXT,
  CONSTRAINT trace_info_pk PRIMARY KEY (request_id)
)`,
  'CREATE INDEX index_trace_info_experiment_timestamp ON trace_info (experiment_id, timestamp_ms DESC, request_id)',
  'CREATE INDEX index_trace_info_timestamp ON trace_info (timestamp_ms)',
  childTable('trace_tags', 'TEXT'),
  childTable('trace_request_metadata', 'TEXT'),
  `CREATE INDEX index_trace_request_metadata_source_run ON trace_request_metadata (value)
  WHERE key = 'mlflow.sourceRun'`,
  childTable('trace_metrics', 'DOUBLE PRECISION'),
  `CREATE TABLE spans (
  trace_id TEXT NOT NULL REFERENCES trace_info (request_id) ON DELETE CASCADE,
  experiment_id BIGINT NOT NULL,
  span_id TEXT NOT NULL,
  parent_span_id TEXT,
  name TEXT,
  type TEXT,
  status TEXT,
  start_time_unix_nano BIGINT NOT NULL,
  end_time_unix_nano BIGINT,
  token_usage TEXT,
  content TEXT NOT NULL,
  CONSTRAINT spans_pk PRIMARY KEY (trace_id, span_id)
)`,
  'CREATE INDEX index_spans_name ON spans (name, trace_id)',
  'CREATE INDEX index_spans_type ON spans (type, trace_id)',
  `CREATE TABLE entity_associations (
  association_id TEXT NOT NULL,
  source_type TEXT NOT NULL,
  source_id TEXT NOT NULL,
  destination_type TEXT NOT NULL,
  destination_id TEXT NOT NULL,
  created_time BIGINT,
  CONSTRAINT entity_associations_pk PRIMARY KEY (association_id),
  CONSTRAINT entity_associations_unique UNIQUE (source_type, source_id, destination_type, destination_id)
)`,
  `CREATE INDEX index_entity_associations_destination
  ON entity_associations (destination_type, destination_id, source_type)`,
]

/** Creates the tables of traces (trace info, tags, metadata, spans, run links, trace metrics). */
export const createTraceTables: Migration = {
  name: '20251101000200_create_trace_tables',
  up: { sqlite: statements.map(clustered), postgres: statements },
}
