/**
 * @module assessment-sql
 * Reading and writing rows of the `assessments` table.
 */
import type { SqlExecutor } from '../sql/sql-driver.ts'
import { joinSql, raw, type SqlFragment, sql, valueList } from '../sql/sql-fragment.ts'
import { StoreError } from '../store-error.ts'
import type { AssessmentRow } from './assessment-row.ts'

/** The columns of the `assessments` table, in order. */
export const ASSESSMENT_COLUMNS = [
  'assessment_id',
  'trace_id',
  'name',
  'assessment_type',
  'value',
  'error',
  'created_timestamp',
  'last_updated_timestamp',
  'source_type',
  'source_id',
  'run_id',
  'span_id',
  'rationale',
  'overrides',
  'valid',
  'assessment_metadata',
] as const satisfies readonly (keyof AssessmentRow)[]

const columnList = raw(ASSESSMENT_COLUMNS.join(', '))

/**
 * Rows of `assessments` matching `where`, oldest first (ties in insertion order on SQLite, by
 * id on PostgreSQL).
 *
 * @example
 * await selectAssessmentRows(executor, sql`trace_id = ${traceId}`, 'sqlite')
 */
export async function selectAssessmentRows(
  executor: SqlExecutor,
  where: SqlFragment,
  dialect: 'sqlite' | 'postgres',
): Promise<AssessmentRow[]> {
  const tieBreak = raw(dialect === 'sqlite' ? 'rowid' : 'assessment_id')
  const result = await executor.execute(
    sql`SELECT ${columnList} FROM assessments WHERE ${where}
        ORDER BY trace_id, created_timestamp, ${tieBreak}`,
  )
  return result.rows.map(toRow)
}

/**
 * The rows of the given traces.
 *
 * @example
 * await selectAssessmentRowsOfTraces(executor, ['tr-1', 'tr-2'], 'postgres')
 */
export function selectAssessmentRowsOfTraces(
  executor: SqlExecutor,
  traceIds: readonly string[],
  dialect: 'sqlite' | 'postgres',
): Promise<AssessmentRow[]> {
  return selectAssessmentRows(executor, sql`trace_id IN ${valueList(traceIds)}`, dialect)
}

/**
 * Inserts a row; with `replace`, a row with the same id is overwritten instead.
 *
 * @example
 * await insertAssessmentRow(executor, row, { replace: false })
 */
export async function insertAssessmentRow(
  executor: SqlExecutor,
  row: AssessmentRow,
  options: { replace: boolean },
): Promise<void> {
  const values = joinSql(
    ASSESSMENT_COLUMNS.map((column) => sql`${row[column]}`),
    ', ',
  )
  const conflict = options.replace
    ? raw(
        ` ON CONFLICT (assessment_id) DO UPDATE SET ${ASSESSMENT_COLUMNS.filter(
          (column) => column !== 'assessment_id',
        )
          .map((column) => `${column} = excluded.${column}`)
          .join(', ')}`,
      )
    : raw('')
  await executor.execute(sql`INSERT INTO assessments (${columnList}) VALUES (${values})${conflict}`)
}

/**
 * Whether a trace exists.
 *
 * @example
 * if (!(await traceExists(executor, traceId))) throw notFound
 */
export async function traceExists(executor: SqlExecutor, traceId: string): Promise<boolean> {
  const result = await executor.execute(
    sql`SELECT 1 AS found FROM trace_info WHERE request_id = ${traceId}`,
  )
  return result.rows.length > 0
}

/**
 * The row of an assessment, with MLflow's messages when the trace or the assessment is
 * unknown.
 *
 * @throws StoreError `RESOURCE_DOES_NOT_EXIST`.
 */
export async function requireAssessmentRow(
  executor: SqlExecutor,
  traceId: string,
  assessmentId: string,
  dialect: 'sqlite' | 'postgres',
): Promise<AssessmentRow> {
  const [row] = await selectAssessmentRows(
    executor,
    sql`trace_id = ${traceId} AND assessment_id = ${assessmentId}`,
    dialect,
  )
  if (row !== undefined) return row
  if (!(await traceExists(executor, traceId))) {
    throw new StoreError({
      code: 'RESOURCE_DOES_NOT_EXIST',
      message: `Trace with request_id '${traceId}' not found`,
    })
  }
  throw new StoreError({
    code: 'RESOURCE_DOES_NOT_EXIST',
    message: `Assessment with ID '${assessmentId}' not found for trace '${traceId}'`,
  })
}

function toRow(raw: Record<string, unknown>): AssessmentRow {
  const text = (value: unknown) => (value === null || value === undefined ? null : String(value))
  return {
    assessment_id: String(raw.assessment_id),
    trace_id: String(raw.trace_id),
    name: String(raw.name ?? ''),
    assessment_type: String(raw.assessment_type) as AssessmentRow['assessment_type'],
    value: String(raw.value),
    error: text(raw.error),
    created_timestamp: Number(raw.created_timestamp),
    last_updated_timestamp: Number(raw.last_updated_timestamp),
    source_type: String(raw.source_type),
    source_id: text(raw.source_id),
    run_id: text(raw.run_id),
    span_id: text(raw.span_id),
    rationale: text(raw.rationale),
    overrides: text(raw.overrides),
    valid: Number(raw.valid),
    assessment_metadata: text(raw.assessment_metadata),
  }
}
