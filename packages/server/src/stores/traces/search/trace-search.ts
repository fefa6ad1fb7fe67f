/**
 * @module trace-search
 * `searchTraces`: one query for the page (filters as `EXISTS`, ordering through `LEFT JOIN`s,
 * `LIMIT n OFFSET k`), then the page's tags, metadata and assessments in bulk (on SQLite, all
 * in the same statement: trace-page-sqlite.ts). As in MLflow, a page token comes back whenever
 * the page is full (no count query).
 */
import { parseExperimentId } from '../../search/experiment-filter.ts'
import { createPageToken, parsePageToken } from '../../search/page-token.ts'
import type { SqlDialect } from '../../sql/sql-dialect.ts'
import type { SqlExecutor } from '../../sql/sql-driver.ts'
import { joinSql, raw, sql, valueList } from '../../sql/sql-fragment.ts'
import { StoreError } from '../../store-error.ts'
import { loadTraceInfos, TRACE_INFO_COLUMNS } from '../trace-rows.ts'
import type { SearchTracesOptions, SearchTracesResult } from '../trace-store.ts'
import { parseTraceFilter } from './trace-filter.ts'
import { compileTraceFilter } from './trace-filter-sql.ts'
import { compileTraceOrderBy, parseTraceOrderBy } from './trace-order-by.ts'
import { loadSqliteTracePage } from './trace-page-sqlite.ts'

/** MLflow's default and largest store-level `max_results` of trace searches. */
export const DEFAULT_TRACE_SEARCH_RESULTS = 100
const MAX_TRACE_SEARCH_RESULTS = 50000

/**
 * Searches trace infos; see {@link TraceStore.searchTraces}.
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE` for bad filters, orderings, tokens and sizes.
 * @example
 * await searchTraces(driver, dialect, { experimentIds: ['1'], filter: "status = 'OK'" })
 */
export async function searchTraces(
  executor: SqlExecutor,
  dialect: SqlDialect,
  options: SearchTracesOptions,
): Promise<SearchTracesResult> {
  const maxResults = options.maxResults ?? DEFAULT_TRACE_SEARCH_RESULTS
  if (!Number.isInteger(maxResults) || maxResults < 1) {
    throw StoreError.invalidParameter(
      `Invalid value ${maxResults} for parameter 'max_results' supplied. It must be a positive ` +
        'integer',
    )
  }
  if (maxResults > MAX_TRACE_SEARCH_RESULTS) {
    throw StoreError.invalidParameter(
      `Invalid value ${maxResults} for parameter 'max_results' supplied. It must be at most ` +
        `${MAX_TRACE_SEARCH_RESULTS}`,
    )
  }
  const experimentIds = options.experimentIds.map(parseExperimentId)
  const order = compileTraceOrderBy({ clauses: parseTraceOrderBy({ orderBy: options.orderBy }) })
  const conditions = compileTraceFilter({
    clauses: parseTraceFilter({ filter: options.filter }),
    dialect,
  })
  const offset = parsePageToken({ pageToken: options.pageToken })
  if (experimentIds.length === 0) return { traceInfos: [] }
  const where = joinSql(
    [sql`ti.experiment_id IN ${valueList(experimentIds)}`, ...conditions],
    ' AND ',
  )
  const traceInfos =
    dialect.name === 'sqlite'
      ? await loadSqliteTracePage(executor, {
          joins: order.joins,
          where,
          orderBy: order.orderBy,
          limit: maxResults,
          offset,
        })
      : await loadTraceInfos(
          executor,
          (
            await executor.execute(
              sql`SELECT ${raw(TRACE_INFO_COLUMNS)} FROM trace_info ti ${order.joins}
                  WHERE ${where}
                  ORDER BY ${order.orderBy}
                  LIMIT ${maxResults} OFFSET ${offset}`,
            )
          ).rows,
        )
  return traceInfos.length === maxResults
    ? { traceInfos, nextPageToken: createPageToken({ offset: offset + maxResults }) }
    : { traceInfos }
}
