/**
 * @module sql-assessment-store
 * The {@link AssessmentStore} over the tracking database (SQLite or PostgreSQL).
 */
import type { SqlStoreContext } from '../sql/sql-store-context.ts'
import type { AssessmentStore } from './assessment-store.ts'

/**
 * The assessment store on an open, migrated tracking database.
 *
 * @example
 * const assessmentStore = createSqlAssessmentStore(context)
 */
export function createSqlAssessmentStore(_context: SqlStoreContext): AssessmentStore {
  return { storeKind: 'assessments' }
}
