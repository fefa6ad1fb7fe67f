/**
 * @module logged-model-search
 * `searchLoggedModels`: one query for the page of model rows (filters as `EXISTS` subqueries,
 * metric orderings through `LEFT JOIN`s, `LIMIT max+1 OFFSET n`), then the page's tags, params
 * and metrics in bulk. Checks run in MLflow's order: datasets, page token, filter, experiment
 * ids, order_by.
 */
import type { LoggedModel } from '@dspyflow/mlflow/protocol'
import { parseExperimentId } from '../search/experiment-filter.ts'
import type { SqlDialect } from '../sql/sql-dialect.ts'
import type { SqlExecutor } from '../sql/sql-driver.ts'
import { joinSql, limitClause, raw, sql, valueList } from '../sql/sql-fragment.ts'
import { StoreError } from '../store-error.ts'
import { parseLoggedModelFilter } from './logged-model-filter.ts'
import { compileLoggedModelFilter } from './logged-model-filter-sql.ts'
import { LOGGED_MODEL_COLUMNS, loadLoggedModels } from './logged-model-loader.ts'
import { compileLoggedModelOrderBy, parseLoggedModelOrderBy } from './logged-model-order-by.ts'
import { createLoggedModelPageToken, readLoggedModelPageToken } from './logged-model-page-token.ts'
import type { SearchLoggedModelsOptions, SearchLoggedModelsResult } from './logged-model-store.ts'

/** `max_results` when a search gives none (or 0), as in MLflow's store. */
export const LOGGED_MODEL_SEARCH_DEFAULT_MAX_RESULTS = 100

function resolveMaxResults(maxResults: number | undefined): number {
  if (maxResults === undefined || maxResults === 0) return LOGGED_MODEL_SEARCH_DEFAULT_MAX_RESULTS
  if (!Number.isSafeInteger(maxResults) || maxResults < 0) {
    throw StoreError.invalidParameter(
      `Invalid value ${maxResults} for parameter 'max_results' supplied. It must be a ` +
        'non-negative integer.',
    )
  }
  return maxResults
}

/** Searches logged models; see {@link LoggedModelStore.searchLoggedModels}. */
export async function searchLoggedModels(
  executor: SqlExecutor,
  dialect: SqlDialect,
  options: SearchLoggedModelsOptions,
): Promise<SearchLoggedModelsResult> {
  const datasets = options.datasets ?? []
  if (datasets.some((dataset) => !dataset.datasetName)) {
    throw StoreError.invalidParameter('`dataset_name` in the `datasets` clause must be specified.')
  }
  const orderBy = options.orderBy ?? []
  const offset =
    options.pageToken === undefined || options.pageToken === ''
      ? 0
      : readLoggedModelPageToken({
          pageToken: options.pageToken,
          experimentIds: options.experimentIds,
          filter: options.filter,
          orderBy,
        })
  const maxResults = resolveMaxResults(options.maxResults)
  const clauses = parseLoggedModelFilter({ filter: options.filter })
  const experimentIds = options.experimentIds.map(parseExperimentId)
  const orderClauses = parseLoggedModelOrderBy({ orderBy })
  if (experimentIds.length === 0) return { models: [] }

  const scope = sql`lm2.experiment_id IN ${valueList(experimentIds)} AND lm2.lifecycle_stage = 'active'`
  const conditions = [
    sql`lm.experiment_id IN ${valueList(experimentIds)}`,
    sql`lm.lifecycle_stage = 'active'`,
    ...compileLoggedModelFilter({ clauses, datasets, dialect }),
  ]
  const { joins, orderBy: orderTerms } = compileLoggedModelOrderBy({ clauses: orderClauses, scope })
  const result = await executor.execute(
    sql`SELECT ${raw(LOGGED_MODEL_COLUMNS)} FROM logged_models lm ${joins}
        WHERE ${joinSql(conditions, ' AND ')}
        ORDER BY ${orderTerms}
        ${limitClause(maxResults + 1)} OFFSET ${offset}`,
  )
  const hasMore = result.rows.length > maxResults
  const models: LoggedModel[] = await loadLoggedModels(
    executor,
    hasMore ? result.rows.slice(0, maxResults) : result.rows,
  )
  if (!hasMore) return { models }
  const nextPageToken = createLoggedModelPageToken({
    experimentIds: options.experimentIds,
    filter: options.filter,
    orderBy,
    offset: offset + maxResults,
  })
  return { models, nextPageToken }
}
