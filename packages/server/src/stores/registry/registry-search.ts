/**
 * @module registry-search
 * `searchRegisteredModels` and `searchModelVersions`: filter, order and page in one query, then
 * load what MLflow returns with each entity. Prompts (models tagged
 * `mlflow.prompt.is_prompt = 'true'`, and versions of a model with a version so tagged) are left
 * out unless the filter asks for them; deleted versions always are.
 */
import { createPageToken, parsePageToken } from '../search/page-token.ts'
import { compareSql } from '../search/sql-comparison.ts'
import type { SqlDialect } from '../sql/sql-dialect.ts'
import type { SqlExecutor } from '../sql/sql-driver.ts'
import { limitClause, raw, sql, type SqlFragment } from '../sql/sql-fragment.ts'
import { StoreError } from '../store-error.ts'
import { STAGE_DELETED_INTERNAL } from './model-stages.ts'
import {
  isQueryingPrompts,
  parseRegistryFilter,
  type RegistryFilterClause,
  type RegistrySearchKind,
} from './registry-filter.ts'
import { compileRegistryOrderBy } from './registry-order-by.ts'
import {
  loadModelVersions,
  loadRegisteredModels,
  MODEL_VERSION_COLUMNS,
  REGISTERED_MODEL_COLUMNS,
  whereAll,
} from './registry-rows.ts'
import type {
  SearchModelVersionsOptions,
  SearchModelVersionsResult,
  SearchRegisteredModelsOptions,
  SearchRegisteredModelsResult,
} from './registry-store.ts'
import { IS_PROMPT_TAG_KEY } from './registry-validation.ts'

/** Default and largest page of registered models. */
export const SEARCH_REGISTERED_MODELS_DEFAULT = 100
export const SEARCH_REGISTERED_MODELS_THRESHOLD = 1000
/** Default and largest page of model versions. */
export const SEARCH_MODEL_VERSIONS_DEFAULT = 200_000
export const SEARCH_MODEL_VERSIONS_THRESHOLD = 200_000

const LIMIT = 2 ** 40

const attributeColumns: Record<string, string> = {
  name: 'name',
  run_id: 'run_id',
  source_path: 'source',
  version_number: 'version',
}

function compileFilter(options: {
  kind: RegistrySearchKind
  filter: string | undefined
  dialect: SqlDialect
}): SqlFragment[] {
  const { kind, dialect } = options
  const table = kind === 'registered-model' ? 'rm' : 'mv'
  const tagTable = raw(kind === 'registered-model' ? 'registered_model_tags' : 'model_version_tags')
  const owner =
    kind === 'registered-model'
      ? raw('t.name = rm.name')
      : raw('t.name = mv.name AND t.version = mv.version')
  let clauses: RegistryFilterClause[] = parseRegistryFilter(options)
  const conditions: SqlFragment[] = []
  if (!isQueryingPrompts(clauses, IS_PROMPT_TAG_KEY)) {
    clauses = clauses.filter((clause) => clause.type !== 'tag' || clause.key !== IS_PROMPT_TAG_KEY)
    conditions.push(
      sql`NOT EXISTS (SELECT 1 FROM ${tagTable} p WHERE p.name = ${raw(`${table}.name`)}
            AND p.key = ${IS_PROMPT_TAG_KEY} AND p.value = 'true')`,
    )
  }
  for (const clause of clauses) {
    if (clause.type === 'tag') {
      const value = compareSql({
        dialect,
        column: raw('t.value'),
        comparator: clause.comparator,
        value: clause.value,
      })
      conditions.push(
        sql`EXISTS (SELECT 1 FROM ${tagTable} t WHERE ${owner} AND t.key = ${clause.key}
                      AND ${value})`,
      )
    } else if (clause.key === 'version_number') {
      // Any integer may be written; versions are small, so clamping keeps the meaning and the
      // bound value within the column's range.
      const value = Math.max(-LIMIT, Math.min(LIMIT, Number(clause.value)))
      conditions.push(
        compareSql({
          dialect,
          column: raw('CAST(mv.version AS BIGINT)'),
          comparator: clause.comparator,
          value,
        }),
      )
    } else {
      conditions.push(
        compareSql({
          dialect,
          column: raw(`${table}.${attributeColumns[clause.key] ?? 'name'}`),
          comparator: clause.comparator,
          value: clause.value,
        }),
      )
    }
  }
  return conditions
}

/** Searches registered models; see {@link RegistryStore.searchRegisteredModels}. */
export async function searchRegisteredModels(
  executor: SqlExecutor,
  dialect: SqlDialect,
  options: SearchRegisteredModelsOptions,
): Promise<SearchRegisteredModelsResult> {
  const maxResults = options.maxResults ?? SEARCH_REGISTERED_MODELS_DEFAULT
  if (!Number.isInteger(maxResults) || maxResults > SEARCH_REGISTERED_MODELS_THRESHOLD) {
    throw StoreError.invalidParameter(
      'Invalid value for request parameter max_results. It must be at most ' +
        `${SEARCH_REGISTERED_MODELS_THRESHOLD}, but got value ${maxResults}`,
    )
  }
  if (maxResults < 0) {
    throw StoreError.invalidParameter(
      `Invalid value for request parameter max_results. It must be at least 0, but got value ${maxResults}`,
    )
  }
  const conditions = compileFilter({ kind: 'registered-model', filter: options.filter, dialect })
  const orderBy = compileRegistryOrderBy({ kind: 'registered-model', orderBy: options.orderBy })
  const offset = parsePageToken({ pageToken: options.pageToken })
  const result = await executor.execute(
    sql`SELECT ${REGISTERED_MODEL_COLUMNS} FROM registered_models rm
        WHERE ${whereAll(conditions)}
        ORDER BY ${orderBy}
        ${limitClause(maxResults + 1)} OFFSET ${offset}`,
  )
  const hasMore = result.rows.length > maxResults
  const registeredModels = await loadRegisteredModels(executor, {
    rows: result.rows.slice(0, maxResults),
  })
  return hasMore
    ? { registeredModels, nextPageToken: createPageToken({ offset: offset + maxResults }) }
    : { registeredModels }
}

/** Searches model versions; see {@link RegistryStore.searchModelVersions}. */
export async function searchModelVersions(
  executor: SqlExecutor,
  dialect: SqlDialect,
  options: SearchModelVersionsOptions,
): Promise<SearchModelVersionsResult> {
  const maxResults = options.maxResults ?? SEARCH_MODEL_VERSIONS_DEFAULT
  if (!Number.isInteger(maxResults) || maxResults < 1) {
    throw StoreError.invalidParameter(
      `Invalid value for max_results. It must be a positive integer, but got ${maxResults}`,
    )
  }
  if (maxResults > SEARCH_MODEL_VERSIONS_THRESHOLD) {
    throw StoreError.invalidParameter(
      'Invalid value for request parameter max_results. It must be at most ' +
        `${SEARCH_MODEL_VERSIONS_THRESHOLD}, but got value ${maxResults}`,
    )
  }
  const conditions = compileFilter({ kind: 'model-version', filter: options.filter, dialect })
  conditions.push(sql`mv.current_stage <> ${STAGE_DELETED_INTERNAL}`)
  const orderBy = compileRegistryOrderBy({ kind: 'model-version', orderBy: options.orderBy })
  const offset = parsePageToken({ pageToken: options.pageToken })
  const result = await executor.execute(
    sql`SELECT ${MODEL_VERSION_COLUMNS} FROM model_versions mv
        WHERE ${whereAll(conditions)}
        ORDER BY ${orderBy}
        ${limitClause(maxResults + 1)} OFFSET ${offset}`,
  )
  const hasMore = result.rows.length > maxResults
  const modelVersions = await loadModelVersions(executor, {
    rows: result.rows.slice(0, maxResults),
    withAliases: false,
  })
  return hasMore
    ? { modelVersions, nextPageToken: createPageToken({ offset: offset + maxResults }) }
    : { modelVersions }
}
