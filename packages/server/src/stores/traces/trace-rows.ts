/**
 * @module trace-rows
 * Reading trace infos: the `trace_info` rows of a set of traces with their tags, metadata and
 * assessments, fetched in bulk (a few queries per chunk of ids, whatever the page size).
 */
import type { TraceState } from '@dspyflow/mlflow/protocol'
import { loadTraceAssessments } from '../assessments/load-trace-assessments.ts'
import { type Row, toNumber, toOptionalNumber } from '../sql/row-mappers.ts'
import type { SqlExecutor } from '../sql/sql-driver.ts'
import { raw, sql, valueList } from '../sql/sql-fragment.ts'
import { StoreError } from '../store-error.ts'
import type { TraceInfoRecord } from './trace-store.ts'

/** The `trace_info` columns the store selects, with alias `ti`. */
export const TRACE_INFO_COLUMNS =
  'ti.request_id, ti.experiment_id, ti.timestamp_ms, ti.execution_time_ms, ti.status, ' +
  'ti.client_request_id, ti.request_preview, ti.response_preview'

/** Ids per `IN (...)` list, well under SQLite's bound-parameter limit. */
export const ID_CHUNK_SIZE = 500

/**
 * Splits a list into chunks.
 *
 * @example
 * chunks([1, 2, 3], 2) // [[1, 2], [3]]
 */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = []
  for (let index = 0; index < items.length; index += size) {
    result.push(items.slice(index, index + size))
  }
  return result
}

/**
 * The infos of `trace_info` rows (selected with {@link TRACE_INFO_COLUMNS}), in row order.
 *
 * @example
 * const infos = await loadTraceInfos(executor, rows)
 */
export async function loadTraceInfos(
  executor: SqlExecutor,
  rows: readonly Row[],
): Promise<TraceInfoRecord[]> {
  if (rows.length === 0) return []
  const ids = rows.map((row) => String(row.request_id))
  const tags = new Map<string, Record<string, string>>()
  const metadata = new Map<string, Record<string, string>>()
  for (const chunk of chunks(ids, ID_CHUNK_SIZE)) {
    for (const [table, target] of [
      ['trace_tags', tags],
      ['trace_request_metadata', metadata],
    ] as const) {
      const result = await executor.execute(
        sql`SELECT request_id, key, value FROM ${raw(table)} WHERE request_id IN ${valueList(chunk)}`,
      )
      for (const row of result.rows) {
        const id = String(row.request_id)
        const entries = target.get(id) ?? {}
        entries[String(row.key)] = String(row.value ?? '')
        target.set(id, entries)
      }
    }
  }
  const assessments = await loadTraceAssessments({ executor, traceIds: ids })
  return rows.map((row) => {
    const id = String(row.request_id)
    return traceInfoOfRow(row, {
      traceMetadata: metadata.get(id) ?? {},
      tags: tags.get(id) ?? {},
      assessments: assessments.get(id) ?? [],
    })
  })
}

/**
 * The info of one `trace_info` row (selected with {@link TRACE_INFO_COLUMNS}) and its entries.
 *
 * @example
 * traceInfoOfRow(row, { traceMetadata: {}, tags: {}, assessments: [] })
 */
export function traceInfoOfRow(
  row: Row,
  entries: Pick<TraceInfoRecord, 'traceMetadata' | 'tags' | 'assessments'>,
): TraceInfoRecord {
  return {
    traceId: String(row.request_id),
    experimentId: String(toNumber(row.experiment_id)),
    requestTime: toNumber(row.timestamp_ms),
    executionDuration: toOptionalNumber(row.execution_time_ms),
    state: row.status as TraceState,
    clientRequestId: optionalText(row.client_request_id),
    requestPreview: optionalText(row.request_preview),
    responsePreview: optionalText(row.response_preview),
    traceMetadata: entries.traceMetadata,
    tags: entries.tags,
    assessments: entries.assessments,
  }
}

function optionalText(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : String(value)
}

/**
 * The `trace_info` rows of the given ids (in any order).
 *
 * @example
 * const rows = await findTraceRows(executor, ['tr-…'])
 */
export async function findTraceRows(
  executor: SqlExecutor,
  traceIds: readonly string[],
  experimentIds?: readonly number[],
): Promise<Row[]> {
  const rows: Row[] = []
  const scope =
    experimentIds === undefined ? sql`` : sql` AND ti.experiment_id IN ${valueList(experimentIds)}`
  if (experimentIds !== undefined && experimentIds.length === 0) return rows
  for (const chunk of chunks([...new Set(traceIds)], ID_CHUNK_SIZE)) {
    const result = await executor.execute(
      sql`SELECT ${raw(TRACE_INFO_COLUMNS)} FROM trace_info ti
          WHERE ti.request_id IN ${valueList(chunk)}${scope}`,
    )
    rows.push(...result.rows)
  }
  return rows
}

/**
 * One trace's info; "Trace with ID 'X' not found." when unknown.
 *
 * @throws StoreError `RESOURCE_DOES_NOT_EXIST`.
 * @example
 * const info = await requireTraceInfo(executor, 'tr-…')
 */
export async function requireTraceInfo(
  executor: SqlExecutor,
  traceId: string,
): Promise<TraceInfoRecord> {
  const [row] = await findTraceRows(executor, [traceId])
  if (row === undefined) throw traceNotFound(traceId)
  return (await loadTraceInfos(executor, [row]))[0] as TraceInfoRecord
}

/**
 * MLflow's "Trace with ID 'X' not found." error.
 *
 * @example
 * throw traceNotFound('tr-…')
 */
export function traceNotFound(traceId: string): StoreError {
  return new StoreError({
    code: 'RESOURCE_DOES_NOT_EXIST',
    message: `Trace with ID '${traceId}' not found.`,
  })
}
