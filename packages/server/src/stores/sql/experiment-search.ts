/**
 * @module experiment-search
 * `searchExperiments`: filter, order and page experiments in one query, then load their tags.
 */
import {
  compileExperimentFilter,
  compileExperimentOrderBy,
} from '../search/experiment-filter-sql.ts'
import { parseExperimentFilter } from '../search/experiment-filter.ts'
import { parseExperimentOrderBy } from '../search/order-by.ts'
import { createPageToken, parsePageToken } from '../search/page-token.ts'
import type { SearchExperimentsOptions, SearchExperimentsResult } from '../tracking-store.ts'
import { viewTypeToStages } from './entity-lookups.ts'
import { loadExperiments } from './experiment-operations.ts'
import { EXPERIMENT_COLUMNS } from './row-mappers.ts'
import { resolveMaxResults } from './search-limits.ts'
import type { SqlDialect } from './sql-dialect.ts'
import type { SqlExecutor } from './sql-driver.ts'
import { joinSql, limitClause, raw, sql, valueList } from './sql-fragment.ts'

/** Searches experiments; see {@link TrackingStore.searchExperiments}. */
export async function searchExperiments(
  executor: SqlExecutor,
  dialect: SqlDialect,
  options: SearchExperimentsOptions,
): Promise<SearchExperimentsResult> {
  const maxResults = resolveMaxResults(options.maxResults)
  const stages = viewTypeToStages(options.viewType)
  const clauses = parseExperimentFilter({ filter: options.filter })
  const orderBy = compileExperimentOrderBy({
    clauses: parseExperimentOrderBy({ orderBy: options.orderBy }),
  })
  const offset = parsePageToken({ pageToken: options.pageToken })
  const conditions = [
    sql`e.lifecycle_stage IN ${valueList(stages)}`,
    ...compileExperimentFilter({ clauses, dialect }),
  ]
  const result = await executor.execute(
    sql`SELECT ${raw(EXPERIMENT_COLUMNS)} FROM experiments e
        WHERE ${joinSql(conditions, ' AND ')}
        ORDER BY ${orderBy}
        ${limitClause(maxResults + 1)} OFFSET ${offset}`,
  )
  const rows = result.rows
  const hasMore = rows.length > maxResults
  const experiments = await loadExperiments(executor, hasMore ? rows.slice(0, maxResults) : rows)
  return hasMore
    ? { experiments, nextPageToken: createPageToken({ offset: offset + maxResults }) }
    : { experiments }
}
