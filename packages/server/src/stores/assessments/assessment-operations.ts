/**
 * @module assessment-operations
 * The assessment store's operations over SQL, each in one transaction.
 */
import type { Assessment } from '@dspyflow/mlflow/protocol'
import { sql } from '../sql/sql-fragment.ts'
import type { SqlStoreContext } from '../sql/sql-store-context.ts'
import { StoreError } from '../store-error.ts'
import type { UpdateAssessmentOptions } from './assessment-store.ts'
import { newAssessmentRow, rowToAssessment } from './assessment-row.ts'
import {
  insertAssessmentRow,
  requireAssessmentRow,
  selectAssessmentRows,
  traceExists,
} from './assessment-sql.ts'
import { updatedAssessmentRow } from './updated-assessment-row.ts'

/**
 * A new assessment id: `a-` + 32 lowercase hex.
 *
 * @example
 * newAssessmentId(context) // 'a-0f3c…'
 */
export function newAssessmentId(context: SqlStoreContext): string {
  return `a-${context.generateId()}`
}

/**
 * Creates an assessment (see `AssessmentStore.createAssessment`).
 *
 * @throws StoreError `RESOURCE_DOES_NOT_EXIST`, `INVALID_PARAMETER_VALUE`,
 *   `RESOURCE_ALREADY_EXISTS` (a client-chosen id that is taken).
 * @example
 * await createAssessment(context, { traceId, assessment })
 */
export async function createAssessment(
  context: SqlStoreContext,
  options: { traceId: string; assessment: Assessment },
): Promise<Assessment> {
  const { traceId } = options
  const row = newAssessmentRow({
    assessment: options.assessment,
    traceId,
    now: context.now(),
    newId: () => newAssessmentId(context),
  })
  return context.driver.transaction(async (executor) => {
    if (!(await traceExists(executor, traceId))) {
      throw new StoreError({
        code: 'RESOURCE_DOES_NOT_EXIST',
        message: `Trace with ID '${traceId}' not found.`,
      })
    }
    if (row.overrides !== null) {
      const result = await executor.execute(
        sql`UPDATE assessments SET valid = 0
            WHERE trace_id = ${traceId} AND assessment_id = ${row.overrides}`,
      )
      if (result.changes === 0) {
        throw new StoreError({
          code: 'RESOURCE_DOES_NOT_EXIST',
          message: `Assessment with ID '${row.overrides}' not found for trace '${traceId}'`,
        })
      }
    }
    try {
      await insertAssessmentRow(executor, row, { replace: false })
    } catch (error) {
      if (!context.dialect.isUniqueViolation(error)) throw error
      throw new StoreError({
        code: 'RESOURCE_ALREADY_EXISTS',
        message: `Assessment with ID '${row.assessment_id}' already exists.`,
        cause: error,
      })
    }
    return rowToAssessment(row)
  })
}

/**
 * An assessment of a trace.
 *
 * @throws StoreError `RESOURCE_DOES_NOT_EXIST`.
 * @example
 * await getAssessment(context, { traceId, assessmentId })
 */
export async function getAssessment(
  context: SqlStoreContext,
  options: { traceId: string; assessmentId: string },
): Promise<Assessment> {
  const row = await requireAssessmentRow(
    context.driver,
    options.traceId,
    options.assessmentId,
    context.dialect.name,
  )
  return rowToAssessment(row)
}

/**
 * Updates an assessment (see `AssessmentStore.updateAssessment`).
 *
 * @throws StoreError `RESOURCE_DOES_NOT_EXIST`, `INVALID_PARAMETER_VALUE`.
 * @example
 * await updateAssessment(context, { traceId, assessmentId, rationale: 'because' })
 */
export function updateAssessment(
  context: SqlStoreContext,
  options: UpdateAssessmentOptions,
): Promise<Assessment> {
  return context.driver.transaction(async (executor) => {
    const existing = await requireAssessmentRow(
      executor,
      options.traceId,
      options.assessmentId,
      context.dialect.name,
    )
    const row = updatedAssessmentRow(existing, options, context.now())
    await executor.execute(
      sql`UPDATE assessments SET name = ${row.name}, value = ${row.value}, error = ${row.error},
            last_updated_timestamp = ${row.last_updated_timestamp}, rationale = ${row.rationale},
            assessment_metadata = ${row.assessment_metadata}
          WHERE trace_id = ${row.trace_id} AND assessment_id = ${row.assessment_id}`,
    )
    return rowToAssessment(row)
  })
}

/**
 * Deletes an assessment if it exists, making the one it overrode valid again.
 *
 * @example
 * await deleteAssessment(context, { traceId, assessmentId })
 */
export function deleteAssessment(
  context: SqlStoreContext,
  options: { traceId: string; assessmentId: string },
): Promise<void> {
  return context.driver.transaction(async (executor) => {
    const [row] = await selectAssessmentRows(
      executor,
      sql`trace_id = ${options.traceId} AND assessment_id = ${options.assessmentId}`,
      context.dialect.name,
    )
    if (row === undefined) return
    if (row.overrides !== null) {
      await executor.execute(
        sql`UPDATE assessments SET valid = 1 WHERE assessment_id = ${row.overrides}`,
      )
    }
    await executor.execute(
      sql`DELETE FROM assessments
          WHERE trace_id = ${row.trace_id} AND assessment_id = ${row.assessment_id}`,
    )
  })
}
