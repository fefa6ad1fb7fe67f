/**
 * @module 20251101000300_create_assessment_tables
 * Tables of assessments on traces.
 */
import type { Migration } from './migration.ts'

/** Creates the tables of assessments on traces. */
export const createAssessmentTables: Migration = {
  name: '20251101000300_create_assessment_tables',
  up: { sqlite: [], postgres: [] },
}
