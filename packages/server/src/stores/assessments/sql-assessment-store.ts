/**
 * @module sql-assessment-store
 * The {@link AssessmentStore} over the tracking database (SQLite or PostgreSQL).
 */
import type { SqlStoreContext } from '../sql/sql-store-context.ts'
import {
  createAssessment,
  deleteAssessment,
  getAssessment,
  updateAssessment,
} from './assessment-operations.ts'
import type { AssessmentStore } from './assessment-store.ts'

/**
 * The assessment store on an open, migrated tracking database.
 *
 * @example
 * const assessmentStore = createSqlAssessmentStore(context)
 * await assessmentStore.createAssessment({ traceId, assessment: { assessmentName: 'ok', feedback: { value: true } } })
 */
export function createSqlAssessmentStore(context: SqlStoreContext): AssessmentStore {
  return {
    createAssessment: (options) => createAssessment(context, options),
    getAssessment: (options) => getAssessment(context, options),
    updateAssessment: (options) => updateAssessment(context, options),
    deleteAssessment: (options) => deleteAssessment(context, options),
  }
}
