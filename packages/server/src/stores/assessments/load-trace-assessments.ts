/**
 * @module load-trace-assessments
 * The assessments of a set of traces, for the trace store's trace infos.
 */
import type { Assessment } from '@dspyflow/mlflow/protocol'
import type { SqlExecutor } from '../sql/sql-driver.ts'

/** Options of {@link loadTraceAssessments}. */
export interface LoadTraceAssessmentsOptions {
  executor: SqlExecutor
  traceIds: readonly string[]
}

/**
 * Every assessment of the given traces, by trace id (traces without any are absent).
 *
 * @example
 * const byTrace = await loadTraceAssessments({ executor: driver, traceIds: ['tr-…'] })
 */
export async function loadTraceAssessments(
  _options: LoadTraceAssessmentsOptions,
): Promise<Map<string, Assessment[]>> {
  return new Map()
}
