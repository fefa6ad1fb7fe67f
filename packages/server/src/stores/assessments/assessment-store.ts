/**
 * @module assessment-store
 * Assessments (feedback and expectations) on traces: create, get, update, delete (spec §3.9.3).
 * Implemented over SQL in `sql-assessment-store.ts`.
 */

/** The assessment store. */
export interface AssessmentStore {
  readonly storeKind: 'assessments'
}
