/**
 * @module insert-trace-assessments
 * Stores the assessments a StartTraceV3 request carries in its trace info.
 */
import type { Assessment } from '@dspyflow/mlflow/protocol'
import type { SqlExecutor } from '../sql/sql-driver.ts'
import type { SqlStoreContext } from '../sql/sql-store-context.ts'
import { newAssessmentId } from './assessment-operations.ts'
import { newAssessmentRow } from './assessment-row.ts'
import { insertAssessmentRow } from './assessment-sql.ts'

/** Options of {@link insertTraceAssessments}. */
export interface InsertTraceAssessmentsOptions {
  executor: SqlExecutor
  context: SqlStoreContext
  traceId: string
  assessments: readonly Assessment[]
}

/**
 * Inserts (or replaces, by id) the assessments of a trace; ids and times are filled in when
 * absent, and `traceId` is set on each. As in MLflow, every one is stored valid and `overrides`
 * marks nothing here.
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE` for an assessment MLflow would refuse (no kind,
 *   an expectation without value).
 * @example
 * await insertTraceAssessments({ executor, context, traceId, assessments })
 */
export async function insertTraceAssessments(
  options: InsertTraceAssessmentsOptions,
): Promise<void> {
  const { executor, context, traceId } = options
  const now = context.now()
  for (const assessment of options.assessments) {
    const row = newAssessmentRow({
      assessment,
      traceId,
      now,
      newId: () => newAssessmentId(context),
    })
    await insertAssessmentRow(executor, row, { replace: true })
  }
}
