/**
 * @module load-trace-assessments
 * The assessments of a set of traces, for the trace store's trace infos.
 */
import type { Assessment } from '@dspyflow/mlflow/protocol'
import type { SqlDialectName } from '../sql/sql-dialect.ts'
import type { SqlExecutor } from '../sql/sql-driver.ts'
import { rowToAssessment } from './assessment-row.ts'
import { selectAssessmentRowsOfTraces } from './assessment-sql.ts'

/** Options of {@link loadTraceAssessments}. */
export interface LoadTraceAssessmentsOptions {
  executor: SqlExecutor
  traceIds: readonly string[]
  /** Orders ties on SQLite by insertion (default `'postgres'`: by id). */
  dialect?: SqlDialectName
}

/** Ids per query, well under SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 500

/**
 * Every assessment of the given traces, by trace id (traces without any are absent), oldest
 * first, as MLflow returns them in `TraceInfoV3.assessments`.
 *
 * @example
 * const byTrace = await loadTraceAssessments({ executor: driver, traceIds: ['tr-…'] })
 */
export async function loadTraceAssessments(
  options: LoadTraceAssessmentsOptions,
): Promise<Map<string, Assessment[]>> {
  const byTrace = new Map<string, Assessment[]>()
  const ids = [...new Set(options.traceIds)]
  for (let start = 0; start < ids.length; start += CHUNK) {
    const rows = await selectAssessmentRowsOfTraces(
      options.executor,
      ids.slice(start, start + CHUNK),
      options.dialect ?? 'postgres',
    )
    for (const row of rows) {
      const list = byTrace.get(row.trace_id)
      if (list === undefined) byTrace.set(row.trace_id, [rowToAssessment(row)])
      else list.push(rowToAssessment(row))
    }
  }
  return byTrace
}
