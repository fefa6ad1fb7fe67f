/**
 * @module trace-info-json-sqlite
 * A page of trace infos written as SearchTracesV3 wire JSON by SQLite itself: one statement runs
 * the page query (its `ORDER BY … LIMIT … OFFSET` untouched) and, for each row it keeps, builds
 * the trace info's JSON object from the row alone — tags and metadata come from the JSON copies
 * on the row (migration 20251124000000_denormalize_trace_search) — so no lookups per trace, no row
 * objects, no parse of tags and metadata and no second serialization in JavaScript.
 *
 * It writes what the generic encoder writes, field for field and byte for byte (the tests
 * compare both on every kind of value): SQLite and V8 escape strings alike (`\"`, `\\`, `\b`,
 * `\f`, `\n`, `\r`, `\t`, other control characters as lowercase `\u00xx`, the rest as is).
 * A row it cannot write exactly comes back NULL, and the caller then takes the generic path for
 * the page: a state outside the four the answer knows, a time outside years 1970–9999, a
 * negative or inexact duration, a value of an unexpected type, tags or metadata the row's copy
 * does not hold as answers write them (NULL there), or assessments.
 */
import type { SqlExecutor } from '../../sql/sql-driver.ts'
import { limitClause, raw, sql, type SqlFragment } from '../../sql/sql-fragment.ts'
import { TRACE_INFO_COLUMNS } from '../trace-rows.ts'

/** The page query's parts, all on `trace_info ti`. */
export interface SqliteTraceInfoJsonQuery {
  joins: SqlFragment
  where: SqlFragment
  orderBy: SqlFragment
  limit: number
  offset: number
}

/** Times from 1970-01-01 to 9999-12-31, as `request_time` writes them. */
const LAST_MILLIS = 253_402_300_799_999

/** `,"<field>":{…}` from a copy of a trace's entries; '' when it has none. */
function entriesJson(column: string, field: string): string {
  return `CASE WHEN ${column} = '{}' THEN '' ELSE ',"${field}":' || ${column} END`
}

/** `,"<field>":"…"` for an optional text column; '' when NULL; NULL when not text. */
function optionalText(column: string, field: string): string {
  return `CASE WHEN ${column} IS NULL THEN ''
    WHEN typeof(${column}) = 'text' THEN ',"${field}":' || json_quote(${column}) END`
}

const TRACE_INFO_JSON = `CASE WHEN typeof(page.request_id) = 'text'
    AND typeof(page.experiment_id) = 'integer'
    AND page.status IN ('STATE_UNSPECIFIED', 'OK', 'ERROR', 'IN_PROGRESS')
    AND typeof(page.timestamp_ms) = 'integer'
    AND page.timestamp_ms BETWEEN 0 AND ${LAST_MILLIS}
    AND (page.execution_time_ms IS NULL OR (typeof(page.execution_time_ms) = 'integer'
      AND page.execution_time_ms BETWEEN 0 AND ${Number.MAX_SAFE_INTEGER}))
    AND NOT EXISTS (SELECT 1 FROM assessments a WHERE a.trace_id = page.request_id)
  THEN '{"trace_id":' || json_quote(page.request_id)
    || ${optionalText('page.client_request_id', 'client_request_id')}
    || ',"trace_location":{"type":"MLFLOW_EXPERIMENT","mlflow_experiment":{"experiment_id":"'
    || page.experiment_id || '"}}'
    || ${optionalText('page.request_preview', 'request_preview')}
    || ${optionalText('page.response_preview', 'response_preview')}
    || ',"request_time":"' || strftime('%Y-%m-%dT%H:%M:%S', page.timestamp_ms / 1000, 'unixepoch')
    || CASE WHEN page.timestamp_ms % 1000 = 0 THEN 'Z"'
      ELSE printf('.%03dZ"', page.timestamp_ms % 1000) END
    || CASE WHEN page.execution_time_ms IS NULL THEN ''
      ELSE ',"execution_duration":"' || (page.execution_time_ms / 1000)
        || CASE WHEN page.execution_time_ms % 1000 = 0 THEN 's"'
          ELSE printf('.%03ds"', page.execution_time_ms % 1000) END END
    || ',"state":"' || page.status || '"'
    || ${entriesJson('page.metadata_json', 'trace_metadata')}
    || ${entriesJson('page.tags_json', 'tags')}
    || '}'
  END`

/**
 * The page's trace infos as wire JSON objects, in page order; `undefined` when a row on the page
 * is one SQLite does not write (see the module note).
 *
 * @example
 * const objects = await loadSqliteTraceInfoJson(driver, { joins, where, orderBy, limit: 100, offset: 0 })
 * objects?.[0] // '{"trace_id":"tr-…","trace_location":{…},…}'
 */
export async function loadSqliteTraceInfoJson(
  executor: SqlExecutor,
  query: SqliteTraceInfoJsonQuery,
): Promise<string[] | undefined> {
  const result = await executor.execute(
    sql`SELECT ${raw(TRACE_INFO_JSON)} AS trace_info_json
        FROM (SELECT ${raw(TRACE_INFO_COLUMNS)}, ti.tags_json, ti.metadata_json
          FROM trace_info ti ${query.joins}
          WHERE ${query.where}
          ORDER BY ${query.orderBy}
          ${limitClause(query.limit)} OFFSET ${query.offset}) page`,
  )
  const objects: string[] = []
  for (const row of result.rows) {
    const text = row.trace_info_json
    if (typeof text !== 'string') return undefined
    objects.push(text)
  }
  return objects
}
