/**
 * @module trace-writes
 * The writes every trace operation shares: creating or locking a `trace_info` row (safe when an
 * OTLP batch and StartTraceV3 race), upserting tags and metadata, the artifact-location tag.
 */
import { appendToUriPath } from '../artifact-uri.ts'
import type { Row } from '../sql/row-mappers.ts'
import type { SqlExecutor } from '../sql/sql-driver.ts'
import { joinSql, raw, type SqlValue, sql } from '../sql/sql-fragment.ts'
import type { SqlStoreContext } from '../sql/sql-store-context.ts'
import { chunks, TRACE_INFO_COLUMNS } from './trace-rows.ts'

/** Trace tag keys the server writes. */
export const ARTIFACT_LOCATION_TAG = 'mlflow.artifactLocation'
export const SPANS_LOCATION_TAG = 'mlflow.trace.spansLocation'
export const TRACE_NAME_TAG = 'mlflow.traceName'
/** Metadata StartTraceV3 adds: the info is final, span batches no longer change it. */
export const INFO_FINALIZED_KEY = 'mlflow.trace.infoFinalized'
export const SOURCE_RUN_KEY = 'mlflow.sourceRun'
export const SIZE_STATS_KEY = 'mlflow.trace.sizeStats'

/**
 * The trace's artifact location: `<experiment artifact location>/traces/<trace id>/artifacts`.
 *
 * @example
 * traceArtifactLocation('mlflow-artifacts:/1', 'tr-ab') // 'mlflow-artifacts:/1/traces/tr-ab/artifacts'
 */
export function traceArtifactLocation(experimentLocation: string, traceId: string): string {
  return appendToUriPath(experimentLocation, 'traces', traceId, 'artifacts')
}

/** A new `trace_info` row. */
export interface TraceInfoRow {
  traceId: string
  experimentId: number
  timestampMs: number
  executionTimeMs: number | undefined
  status: string
  clientRequestId?: string
  requestPreview?: string
  responsePreview?: string
}

/**
 * Inserts the row unless the trace exists; true when this call created it. A concurrent
 * creator of the same trace makes this call wait, then find the row (PostgreSQL), or run after
 * it (SQLite's single writer).
 *
 * @example
 * const created = await insertTraceRow(executor, row)
 */
export async function insertTraceRow(executor: SqlExecutor, row: TraceInfoRow): Promise<boolean> {
  const result = await executor.execute(
    sql`INSERT INTO trace_info (request_id, experiment_id, timestamp_ms, execution_time_ms, status,
          client_request_id, request_preview, response_preview)
        VALUES (${row.traceId}, ${row.experimentId}, ${row.timestampMs},
          ${row.executionTimeMs ?? null}, ${row.status}, ${row.clientRequestId ?? null},
          ${row.requestPreview ?? null}, ${row.responsePreview ?? null})
        ON CONFLICT (request_id) DO NOTHING`,
  )
  return result.changes > 0
}

/**
 * Reads a trace row and, on PostgreSQL, locks it until the transaction ends (SQLite transactions
 * already exclude each other).
 *
 * @example
 * const row = await lockTraceRow(context, executor, 'tr-…')
 */
export async function lockTraceRow(
  context: SqlStoreContext,
  executor: SqlExecutor,
  traceId: string,
): Promise<Row | undefined> {
  const lock = context.dialect.name === 'postgres' ? raw(' FOR UPDATE') : raw('')
  const result = await executor.execute(
    sql`SELECT ${raw(TRACE_INFO_COLUMNS)} FROM trace_info ti WHERE ti.request_id = ${traceId}${lock}`,
  )
  return result.rows[0]
}

/**
 * Upserts key-value rows (tags or metadata) of one trace.
 *
 * @example
 * await upsertTraceEntries(executor, 'trace_tags', 'tr-…', [['team', 'nlp']])
 */
export async function upsertTraceEntries(
  executor: SqlExecutor,
  table: 'trace_tags' | 'trace_request_metadata',
  traceId: string,
  entries: readonly (readonly [string, string])[],
): Promise<void> {
  const sorted = [...new Map(entries)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  for (const chunk of chunks(sorted, 300)) {
    const values = chunk.map(([key, value]) => sql`(${traceId}, ${key}, ${value})`)
    await executor.execute(
      sql`INSERT INTO ${raw(table)} (request_id, key, value) VALUES ${joinSql(values, ', ')}
          ON CONFLICT (request_id, key) DO UPDATE SET value = excluded.value`,
    )
  }
}

/**
 * Inserts key-value rows that do not exist yet (existing keys keep their value).
 *
 * @example
 * await insertMissingTraceEntries(executor, 'trace_request_metadata', 'tr-…', [['mlflow.trace.user', 'ada']])
 */
export async function insertMissingTraceEntries(
  executor: SqlExecutor,
  table: 'trace_tags' | 'trace_request_metadata',
  traceId: string,
  entries: readonly (readonly [string, string])[],
): Promise<void> {
  for (const chunk of chunks(entries, 300)) {
    const values = chunk.map(([key, value]) => sql`(${traceId}, ${key}, ${value})`)
    await executor.execute(
      sql`INSERT INTO ${raw(table)} (request_id, key, value) VALUES ${joinSql(values, ', ')}
          ON CONFLICT (request_id, key) DO NOTHING`,
    )
  }
}

/**
 * One metadata (or tag) value of a trace.
 *
 * @example
 * await readTraceEntry(executor, 'trace_request_metadata', 'tr-…', 'mlflow.trace.tokenUsage')
 */
export async function readTraceEntry(
  executor: SqlExecutor,
  table: 'trace_tags' | 'trace_request_metadata',
  traceId: string,
  key: string,
): Promise<string | undefined> {
  const result = await executor.execute(
    sql`SELECT value FROM ${raw(table)} WHERE request_id = ${traceId} AND key = ${key}`,
  )
  const value = result.rows[0]?.value
  return value === undefined || value === null ? undefined : String(value)
}

/**
 * A `SET column = value` list for an UPDATE of `trace_info`.
 *
 * @example
 * sql`UPDATE trace_info SET ${setList({ status: 'OK' })} WHERE request_id = ${id}`
 */
export function setList(columns: Record<string, SqlValue>) {
  return joinSql(
    Object.entries(columns).map(([column, value]) => sql`${raw(column)} = ${value}`),
    ', ',
  )
}
