/**
 * @module trace-page-sqlite
 * One statement for a page of trace infos on SQLite: the page query runs as a subquery (its
 * `ORDER BY … LIMIT … OFFSET` untouched), and only for the rows it keeps each trace's tags and
 * metadata come back aggregated into JSON objects (`json_group_object`, keys in primary-key
 * order, as the bulk queries of trace-rows.ts read them), with whether the trace has any
 * assessment. Assessments, rare, are then read only for the traces that have some.
 */
import type { Assessment } from '@dspyflow/mlflow/protocol'
import { loadTraceAssessments } from '../../assessments/load-trace-assessments.ts'
import type { SqlExecutor } from '../../sql/sql-driver.ts'
import { limitClause, raw, sql, type SqlFragment } from '../../sql/sql-fragment.ts'
import { TRACE_INFO_COLUMNS, traceInfoOfRow } from '../trace-rows.ts'
import type { TraceInfoRecord } from '../trace-store.ts'

/** The page query's parts, all on `trace_info ti`. */
export interface SqliteTracePageQuery {
  joins: SqlFragment
  where: SqlFragment
  orderBy: SqlFragment
  limit: number
  offset: number
}

const PAGE_COLUMNS = TRACE_INFO_COLUMNS.replaceAll('ti.', 'page.')

/**
 * The page's trace infos, in page order.
 *
 * @example
 * const infos = await loadSqliteTracePage(driver, { joins, where, orderBy, limit: 100, offset: 0 })
 */
export async function loadSqliteTracePage(
  executor: SqlExecutor,
  query: SqliteTracePageQuery,
): Promise<TraceInfoRecord[]> {
  const result = await executor.execute(
    sql`SELECT ${raw(PAGE_COLUMNS)},
          (SELECT json_group_object(t.key, COALESCE(t.value, '')) FROM trace_tags t
            WHERE t.request_id = page.request_id) AS tags_json,
          (SELECT json_group_object(m.key, COALESCE(m.value, '')) FROM trace_request_metadata m
            WHERE m.request_id = page.request_id) AS metadata_json,
          EXISTS (SELECT 1 FROM assessments a WHERE a.trace_id = page.request_id) AS assessed
        FROM (SELECT ${raw(TRACE_INFO_COLUMNS)} FROM trace_info ti ${query.joins}
          WHERE ${query.where}
          ORDER BY ${query.orderBy}
          ${limitClause(query.limit)} OFFSET ${query.offset}) page`,
  )
  const rows = result.rows
  const assessedIds = rows.filter((row) => Number(row.assessed) === 1).map((row) => row.request_id)
  const assessments =
    assessedIds.length === 0
      ? new Map<string, Assessment[]>()
      : await loadTraceAssessments({ executor, traceIds: assessedIds.map(String) })
  return rows.map((row) =>
    traceInfoOfRow(row, {
      traceMetadata: entriesOf(row.metadata_json),
      tags: entriesOf(row.tags_json),
      assessments: assessments.get(String(row.request_id)) ?? [],
    }),
  )
}

/** A JSON object of text values as a record, filled the way the bulk reads fill theirs. */
function entriesOf(json: unknown): Record<string, string> {
  if (typeof json !== 'string' || json === '{}') return {}
  const parsed = JSON.parse(json) as Record<string, string>
  if (!json.includes('"__proto__"')) return parsed
  // Assigned one by one, `__proto__` is dropped as the bulk reads drop it.
  const entries: Record<string, string> = {}
  for (const [key, value] of Object.entries(parsed)) entries[key] = value
  return entries
}
