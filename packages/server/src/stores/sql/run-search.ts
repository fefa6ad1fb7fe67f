/**
 * @module run-search
 * `searchRuns`: one indexed query for the page of run ids (filters as `EXISTS` subqueries,
 * ordering through `LEFT JOIN`s, `LIMIT max+1 OFFSET n`), then the page's data in bulk.
 */
import { parseExperimentId } from '../search/experiment-filter.ts'
import { parseRunOrderBy } from '../search/order-by.ts'
import { createPageToken, parsePageToken } from '../search/page-token.ts'
import { parseRunFilter } from '../search/run-filter.ts'
import { compileRunFilter } from '../search/run-filter-sql.ts'
import { compileRunOrderBy } from '../search/run-order-by-sql.ts'
import type { SearchRunsOptions, SearchRunsResult } from '../tracking-store.ts'
import { viewTypeToStages } from './entity-lookups.ts'
import { RUN_COLUMNS } from './row-mappers.ts'
import { loadRuns } from './run-loader.ts'
import { resolveMaxResults } from './search-limits.ts'
import type { SqlDialect } from './sql-dialect.ts'
import type { SqlExecutor } from './sql-driver.ts'
import { joinSql, limitClause, raw, sql, valueList } from './sql-fragment.ts'

/** Searches runs; see {@link TrackingStore.searchRuns}. */
export async function searchRuns(
  executor: SqlExecutor,
  dialect: SqlDialect,
  options: SearchRunsOptions,
): Promise<SearchRunsResult> {
  const maxResults = resolveMaxResults(options.maxResults)
  const stages = viewTypeToStages(options.runViewType)
  const clauses = parseRunFilter({ filter: options.filter })
  const orderClauses = parseRunOrderBy({ orderBy: options.orderBy })
  const offset = parsePageToken({ pageToken: options.pageToken })
  const experimentIds = (options.experimentIds ?? []).map(parseExperimentId)
  if (experimentIds.length === 0) return { runs: [] }

  const conditions = [
    sql`r.experiment_id IN ${valueList(experimentIds)}`,
    sql`r.lifecycle_stage IN ${valueList(stages)}`,
    ...compileRunFilter({ clauses, dialect }),
  ]
  const { joins, orderBy } = compileRunOrderBy({ clauses: orderClauses })
  const result = await executor.execute(
    sql`SELECT ${raw(RUN_COLUMNS)} FROM runs r ${joins}
        WHERE ${joinSql(conditions, ' AND ')}
        ORDER BY ${orderBy}
        ${limitClause(maxResults + 1)} OFFSET ${offset}`,
  )
  const rows = result.rows
  const hasMore = rows.length > maxResults
  const runs = await loadRuns(executor, hasMore ? rows.slice(0, maxResults) : rows)
  return hasMore
    ? { runs, nextPageToken: createPageToken({ offset: offset + maxResults }) }
    : { runs }
}
