/**
 * @module trace-delete
 * Hard deletion of traces (spec §3.9.2 delete-traces) and the server's retention by age and
 * count. Deleting a `trace_info` row cascades to tags, metadata, spans, metrics and assessments;
 * run links are removed here. `traces.json` files are left where they are, as in MLflow.
 */
import { parseExperimentId } from '../search/experiment-filter.ts'
import { toNumber } from '../sql/row-mappers.ts'
import type { SqlExecutor } from '../sql/sql-driver.ts'
import { limitClause, sql, type SqlFragment, valueList } from '../sql/sql-fragment.ts'
import type { SqlStoreContext } from '../sql/sql-store-context.ts'
import { StoreError } from '../store-error.ts'
import { chunks, ID_CHUNK_SIZE } from './trace-rows.ts'
import type { DeleteTracesOptions, TraceRetentionOptions } from './trace-store.ts'

/** Traces deleted per transaction by retention. */
const RETENTION_BATCH = 1000

/**
 * Checks the argument combinations of delete-traces, with MLflow's messages.
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE`.
 */
export function checkDeleteTracesOptions(options: DeleteTracesOptions): void {
  const traceIds = options.traceIds ?? []
  if (options.maxTimestampMillis === undefined && traceIds.length === 0) {
    throw StoreError.invalidParameter(
      'Either `max_timestamp_millis` or `trace_ids` must be specified.',
    )
  }
  if (options.maxTimestampMillis !== undefined && traceIds.length > 0) {
    throw StoreError.invalidParameter(
      'Only one of `max_timestamp_millis` and `trace_ids` can be specified.',
    )
  }
  if (traceIds.length > 0 && options.maxTraces !== undefined) {
    throw StoreError.invalidParameter(
      "`max_traces` can't be specified if `trace_ids` is specified.",
    )
  }
  if (options.maxTraces !== undefined && options.maxTraces <= 0) {
    throw StoreError.invalidParameter(
      `\`max_traces\` must be a positive integer, received ${options.maxTraces}.`,
    )
  }
}

/**
 * Deletes the traces an id list names.
 *
 * @example
 * const count = await deleteTraceIds(executor, ['tr-a', 'tr-b'])
 */
export async function deleteTraceIds(
  executor: SqlExecutor,
  traceIds: readonly string[],
): Promise<number> {
  let deleted = 0
  for (const chunk of chunks([...new Set(traceIds)], ID_CHUNK_SIZE)) {
    const result = await executor.execute(
      sql`DELETE FROM trace_info WHERE request_id IN ${valueList(chunk)}`,
    )
    deleted += result.changes
    await executor.execute(
      sql`DELETE FROM entity_associations
          WHERE source_type = 'trace' AND source_id IN ${valueList(chunk)}`,
    )
  }
  return deleted
}

/**
 * delete-traces: by ids, or by `maxTimestampMillis` (oldest first, at most `maxTraces`).
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE`.
 * @example
 * await deleteTraces(context, { experimentId: '1', maxTimestampMillis: Date.now(), maxTraces: 10 })
 */
export async function deleteTraces(
  context: SqlStoreContext,
  options: DeleteTracesOptions,
): Promise<number> {
  checkDeleteTracesOptions(options)
  const experimentId = parseExperimentId(options.experimentId)
  const since =
    options.maxTimestampMillis === undefined
      ? sql``
      : sql` AND timestamp_ms <= ${options.maxTimestampMillis}`
  const limit = options.maxTraces === undefined ? sql`` : sql` ${limitClause(options.maxTraces)}`
  const traceIds = options.traceIds ?? []
  const idChunks = traceIds.length > 0 ? chunks(traceIds, ID_CHUNK_SIZE) : [undefined]
  return context.driver.transaction(async (executor) => {
    const ids: string[] = []
    for (const chunk of idChunks) {
      const byId = chunk === undefined ? sql`` : sql` AND request_id IN ${valueList(chunk)}`
      const result = await executor.execute(
        sql`SELECT request_id FROM trace_info WHERE experiment_id = ${experimentId}${since}${byId}
            ORDER BY timestamp_ms, request_id${limit}`,
      )
      ids.push(...result.rows.map((row) => String(row.request_id)))
    }
    return deleteTraceIds(executor, ids)
  })
}

/**
 * Deletes traces older than `maxAgeMillis` and, per experiment, all but the newest
 * `maxCountPerExperiment`, in batches.
 *
 * @example
 * const deleted = await applyTraceRetention(context, { maxAgeMillis: 30 * 86_400_000 })
 */
export async function applyTraceRetention(
  context: SqlStoreContext,
  options: TraceRetentionOptions,
): Promise<number> {
  let deleted = 0
  if (options.maxAgeMillis !== undefined) {
    const cutoff = context.now() - options.maxAgeMillis
    deleted += await deleteInBatches(
      context,
      sql`SELECT request_id FROM trace_info WHERE timestamp_ms < ${cutoff}
          ORDER BY timestamp_ms ${limitClause(RETENTION_BATCH)}`,
    )
  }
  const keep = options.maxCountPerExperiment
  if (keep !== undefined) {
    const experiments = await context.driver.execute(
      sql`SELECT experiment_id, COUNT(*) AS count FROM trace_info GROUP BY experiment_id`,
    )
    for (const row of experiments.rows) {
      const excess = toNumber(row.count) - keep
      if (excess <= 0) continue
      const experimentId = toNumber(row.experiment_id)
      let remaining = excess
      while (remaining > 0) {
        const batch = Math.min(remaining, RETENTION_BATCH)
        const count = await deleteInBatches(
          context,
          sql`SELECT request_id FROM trace_info WHERE experiment_id = ${experimentId}
              ORDER BY timestamp_ms, request_id ${limitClause(batch)}`,
          1,
        )
        if (count === 0) break
        deleted += count
        remaining -= count
      }
    }
  }
  return deleted
}

async function deleteInBatches(
  context: SqlStoreContext,
  select: SqlFragment,
  maxRounds = Number.POSITIVE_INFINITY,
): Promise<number> {
  let deleted = 0
  for (let round = 0; round < maxRounds; round++) {
    const count = await context.driver.transaction(async (executor) => {
      const result = await executor.execute(select)
      return deleteTraceIds(
        executor,
        result.rows.map((row) => String(row.request_id)),
      )
    })
    deleted += count
    if (count === 0) break
  }
  return deleted
}
