/**
 * @module trace-search
 * `searchTraces`: one query for the page (filters as `EXISTS`, ordering through `LEFT JOIN`s,
 * `LIMIT n OFFSET k`), then the page's tags, metadata and assessments in bulk (on SQLite, all
 * in the same statement: trace-page-sqlite.ts). As in MLflow, a page token comes back whenever
 * the page is full (no count query). `searchTracesJson`: the same page written as wire JSON by
 * SQLite itself (trace-info-json-sqlite.ts), when it can be. On SQLite a tag equality searched
 * newest first reads its page from the tag index (trace-tag-page-sqlite.ts).
 */
import { parseExperimentId } from '../../search/experiment-filter.ts'
import { createPageToken, parsePageToken } from '../../search/page-token.ts'
import type { SqlDialect } from '../../sql/sql-dialect.ts'
import type { SqlExecutor } from '../../sql/sql-driver.ts'
import {
  joinSql,
  limitClause,
  raw,
  type SqlFragment,
  sql,
  valueList,
} from '../../sql/sql-fragment.ts'
import { StoreError } from '../../store-error.ts'
import { loadTraceInfos, TRACE_INFO_COLUMNS } from '../trace-rows.ts'
import type {
  SearchTracesJsonResult,
  SearchTracesOptions,
  SearchTracesResult,
} from '../trace-store.ts'
import { loadSqliteTraceInfoJson } from './trace-info-json-sqlite.ts'
import { parseTraceFilter } from './trace-filter.ts'
import { compileTraceFilter } from './trace-filter-sql.ts'
import { compileTraceOrderBy, parseTraceOrderBy } from './trace-order-by.ts'
import { loadSqliteTracePage } from './trace-page-sqlite.ts'
import { tagDrivenPage } from './trace-tag-page-sqlite.ts'

/** MLflow's default and largest store-level `max_results` of trace searches. */
export const DEFAULT_TRACE_SEARCH_RESULTS = 100
const MAX_TRACE_SEARCH_RESULTS = 50000

/** A checked search, compiled: the page query's parts, all on `trace_info ti`. */
interface TracePageQuery {
  joins: SqlFragment
  where: SqlFragment
  orderBy: SqlFragment
  limit: number
  offset: number
}

/**
 * Checks a search's options and compiles its page query (`undefined`: no experiment, so no
 * trace).
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE` for bad filters, orderings, tokens and sizes.
 */
function compileTraceSearch(
  dialect: SqlDialect,
  options: SearchTracesOptions,
): TracePageQuery | undefined {
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
  const orderClauses = parseTraceOrderBy({ orderBy: options.orderBy })
  const order = compileTraceOrderBy({ clauses: orderClauses })
  const clauses = parseTraceFilter({ filter: options.filter })
  // The tag a tag-driven page reads from its index is matched by the join, not by a condition.
  const byTag =
    dialect.name === 'sqlite'
      ? tagDrivenPage({ experimentIds, clauses, orderBy: orderClauses })
      : undefined
  const conditions = compileTraceFilter({ clauses: byTag?.clauses ?? clauses, dialect })
  const offset = parsePageToken({ pageToken: options.pageToken })
  if (experimentIds.length === 0) return undefined
  const where = joinSql(
    [sql`ti.experiment_id IN ${valueList(experimentIds)}`, ...conditions],
    ' AND ',
  )
  const plan = byTag ?? order
  return { joins: plan.joins, where, orderBy: plan.orderBy, limit: maxResults, offset }
}

/** A token for the next page whenever this one is full, as MLflow does. */
function nextPageToken(query: TracePageQuery, returned: number): string | undefined {
  return returned === query.limit
    ? createPageToken({ offset: query.offset + query.limit })
    : undefined
}

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
  const query = compileTraceSearch(dialect, options)
  if (query === undefined) return { traceInfos: [] }
  const traceInfos =
    dialect.name === 'sqlite'
      ? await loadSqliteTracePage(executor, query)
      : await loadTraceInfos(
          executor,
          (
            await executor.execute(
              sql`SELECT ${raw(TRACE_INFO_COLUMNS)} FROM trace_info ti ${query.joins}
                  WHERE ${query.where}
                  ORDER BY ${query.orderBy}
                  ${limitClause(query.limit)} OFFSET ${query.offset}`,
            )
          ).rows,
        )
  const token = nextPageToken(query, traceInfos.length)
  return token === undefined ? { traceInfos } : { traceInfos, nextPageToken: token }
}

/**
 * The page of {@link searchTraces} as wire JSON written by the database, or `undefined` when
 * it cannot be (see {@link TraceStore.searchTracesJson}).
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE` as {@link searchTraces}.
 * @example
 * await searchTracesJson(driver, dialect, { experimentIds: ['1'] }) // { traceInfoJson: [...] }
 */
export async function searchTracesJson(
  executor: SqlExecutor,
  dialect: SqlDialect,
  options: SearchTracesOptions,
): Promise<SearchTracesJsonResult | undefined> {
  if (dialect.name !== 'sqlite') return undefined
  const query = compileTraceSearch(dialect, options)
  if (query === undefined) return undefined
  const traceInfoJson = await loadSqliteTraceInfoJson(executor, query)
  if (traceInfoJson === undefined || traceInfoJson.length === 0) return undefined
  const token = nextPageToken(query, traceInfoJson.length)
  return token === undefined ? { traceInfoJson } : { traceInfoJson, nextPageToken: token }
}
