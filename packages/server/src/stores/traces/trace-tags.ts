/**
 * @module trace-tags
 * Trace tags (set, delete) and trace → run links.
 */
import { MAX_TRACE_LINKS_PER_REQUEST } from '@dspyflow/mlflow/protocol'
import type { SqlStoreContext } from '../sql/sql-store-context.ts'
import { joinSql, sql } from '../sql/sql-fragment.ts'
import { StoreError } from '../store-error.ts'
import { validateKeyName, validateLength } from '../validation/validate-name.ts'
import { MAX_TRACE_NAME_LENGTH } from './start-trace.ts'
import { chunks, findTraceRows, traceNotFound } from './trace-rows.ts'
import { TRACE_NAME_TAG, upsertTraceEntries } from './trace-writes.ts'

/** MLflow's trace tag limits: keys are checked, values truncated. */
const MAX_TRACE_TAG_KEY_LENGTH = 250
const MAX_TRACE_TAG_VALUE_LENGTH = 8000

/**
 * Sets (upserts) a tag of an existing trace.
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE` for a bad key, `RESOURCE_DOES_NOT_EXIST` for an
 *   unknown trace.
 * @example
 * await setTraceTag(context, { traceId: 'tr-…', key: 'team', value: 'nlp' })
 */
export async function setTraceTag(
  context: SqlStoreContext,
  options: { traceId: string; key: string; value: string },
): Promise<void> {
  validateKeyName({ name: options.key, path: 'key' })
  const key = validateLength({ what: 'key', limit: MAX_TRACE_TAG_KEY_LENGTH, value: options.key })
  let value = validateLength({
    what: 'value',
    limit: MAX_TRACE_TAG_VALUE_LENGTH,
    value: options.value,
    truncate: context.truncateLongValues,
  })
  if (key === TRACE_NAME_TAG) {
    value = validateLength({ what: 'Trace name', limit: MAX_TRACE_NAME_LENGTH, value })
  }
  await context.driver.transaction(async (executor) => {
    const [row] = await findTraceRows(executor, [options.traceId])
    if (row === undefined) throw traceNotFound(options.traceId)
    await upsertTraceEntries(executor, 'trace_tags', options.traceId, [[key, value]])
  })
}

/**
 * Deletes a tag of a trace.
 *
 * @throws StoreError `RESOURCE_DOES_NOT_EXIST` when the trace has no such tag.
 * @example
 * await deleteTraceTag(context, { traceId: 'tr-…', key: 'team' })
 */
export async function deleteTraceTag(
  context: SqlStoreContext,
  options: { traceId: string; key: string },
): Promise<void> {
  const result = await context.driver.execute(
    sql`DELETE FROM trace_tags WHERE request_id = ${options.traceId} AND key = ${options.key}`,
  )
  if (result.changes === 0) {
    throw new StoreError({
      code: 'RESOURCE_DOES_NOT_EXIST',
      message: `No trace tag with key '${options.key}' for trace with ID '${options.traceId}'`,
    })
  }
}

/**
 * Links traces to a run (at most 100 per call; existing links are kept). Like MLflow, neither
 * the traces nor the run are checked: a link is just a pair of ids.
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE` for more than 100 traces.
 * @example
 * await linkTracesToRun(context, { traceIds: ['tr-…'], runId: 'a1b2…' })
 */
export async function linkTracesToRun(
  context: SqlStoreContext,
  options: { traceIds: readonly string[]; runId: string },
): Promise<void> {
  const traceIds = [...new Set(options.traceIds)]
  if (traceIds.length === 0) return
  if (options.traceIds.length > MAX_TRACE_LINKS_PER_REQUEST) {
    throw StoreError.invalidParameter(
      `Cannot link more than ${MAX_TRACE_LINKS_PER_REQUEST} traces to a run in a single ` +
        `request. Provided ${options.traceIds.length} traces.`,
    )
  }
  const now = context.now()
  for (const chunk of chunks(traceIds, 100)) {
    const values = chunk.map(
      (traceId) =>
        sql`(${context.generateId()}, 'trace', ${traceId}, 'run', ${options.runId}, ${now})`,
    )
    await context.driver.execute(
      sql`INSERT INTO entity_associations
            (association_id, source_type, source_id, destination_type, destination_id, created_time)
          VALUES ${joinSql(values, ', ')}
          ON CONFLICT (source_type, source_id, destination_type, destination_id) DO NOTHING`,
    )
  }
}
