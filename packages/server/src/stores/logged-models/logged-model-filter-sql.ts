/**
 * @module logged-model-filter-sql
 * Logged-model filter clauses → SQL conditions on `logged_models` aliased `lm`. Param, tag and
 * metric comparisons are `EXISTS` subqueries on a key of the model, so a filter never repeats a
 * model. A metric comparison matches when any point of the model (any run, step or dataset
 * within the `datasets` restriction) satisfies it, as in MLflow. Integer columns (`status`,
 * `experiment_id`) compare with numbers; a status may also be given by name.
 */
import { LOGGED_MODEL_STATUS_NUMBERS } from '@dspyflow/mlflow/protocol'
import { compareSql } from '../search/sql-comparison.ts'
import type { SqlDialect } from '../sql/sql-dialect.ts'
import { joinSql, raw, type SqlFragment, sql } from '../sql/sql-fragment.ts'
import {
  isNumericClause,
  type LoggedModelFilterClause,
  type LoggedModelStringClause,
} from './logged-model-filter.ts'
import type { SearchLoggedModelsOptions } from './logged-model-store.ts'

const INTEGER_ATTRIBUTES = new Set(['experiment_id', 'status'])

const statusAliases: Readonly<Record<string, number>> = {
  ...LOGGED_MODEL_STATUS_NUMBERS,
  UNSPECIFIED: 0,
  PENDING: 1,
  READY: 2,
  FAILED: 3,
  UPLOAD_FAILED: 3,
}

/**
 * The condition a `datasets` restriction puts on a metric point (aliased `alias`): one of the
 * datasets by name and digest. MLflow's server compares an absent digest with `IS NULL`.
 *
 * @example
 * datasetCondition({ datasets: [{ datasetName: 'eval' }], alias: 'mm' })
 * // (mm.dataset_name = ? AND mm.dataset_digest IS NULL)
 */
export function datasetCondition(options: {
  datasets: NonNullable<SearchLoggedModelsOptions['datasets']>
  alias: string
}): SqlFragment | undefined {
  if (options.datasets.length === 0) return undefined
  const column = (name: string) => raw(`${options.alias}.${name}`)
  const alternatives = options.datasets.map((dataset) => {
    const digest =
      dataset.datasetDigest === undefined
        ? sql`${column('dataset_digest')} IS NULL`
        : sql`${column('dataset_digest')} = ${dataset.datasetDigest}`
    return sql`(${column('dataset_name')} = ${dataset.datasetName ?? ''} AND ${digest})`
  })
  return sql`(${joinSql(alternatives, ' OR ')})`
}

/**
 * Compiles filter clauses (and the `datasets` restriction) to conditions joined with `AND`.
 *
 * @example
 * compileLoggedModelFilter({ clauses, datasets: [], dialect: sqliteDialect })
 */
export function compileLoggedModelFilter(options: {
  clauses: readonly LoggedModelFilterClause[]
  datasets: NonNullable<SearchLoggedModelsOptions['datasets']>
  dialect: SqlDialect
}): SqlFragment[] {
  const { clauses, datasets, dialect } = options
  const restriction = datasetCondition({ datasets, alias: 'mm' })
  const conditions = clauses.map((clause) => compileClause(clause, dialect, restriction))
  if (restriction !== undefined && !clauses.some((clause) => clause.type === 'metric')) {
    conditions.push(
      sql`EXISTS (SELECT 1 FROM logged_model_metrics mm
                  WHERE mm.model_id = lm.model_id AND ${restriction})`,
    )
  }
  return conditions
}

function compileClause(
  clause: LoggedModelFilterClause,
  dialect: SqlDialect,
  restriction: SqlFragment | undefined,
): SqlFragment {
  if (isNumericClause(clause)) {
    const column = raw(clause.type === 'metric' ? 'mm.metric_value' : `lm.${clause.key}`)
    const value = compareSql({
      dialect,
      column,
      comparator: clause.comparator,
      value: clause.value,
    })
    if (clause.type === 'attribute') return value
    const datasets = restriction === undefined ? sql`` : sql` AND ${restriction}`
    return sql`EXISTS (SELECT 1 FROM logged_model_metrics mm
                       WHERE mm.model_id = lm.model_id AND mm.metric_name = ${clause.key}
                         AND ${value}${datasets})`
  }
  if (clause.type === 'attribute') {
    if (INTEGER_ATTRIBUTES.has(clause.key)) return compareInteger(clause, dialect)
    const column = raw(`lm.${clause.key}`)
    return compareSql({ dialect, column, comparator: clause.comparator, value: clause.value })
  }
  const [table, key, column] =
    clause.type === 'param'
      ? ['logged_model_params', 'param_key', 'param_value']
      : ['logged_model_tags', 'tag_key', 'tag_value']
  const value = compareSql({
    dialect,
    column: raw(`kv.${column}`),
    comparator: clause.comparator,
    value: clause.value,
  })
  return sql`EXISTS (SELECT 1 FROM ${raw(table)} kv
                     WHERE kv.model_id = lm.model_id AND kv.${raw(key)} = ${clause.key}
                       AND ${value})`
}

/** An integer column against strings: numbers (or status names) compare, other text never equals. */
function compareInteger(clause: LoggedModelStringClause, dialect: SqlDialect): SqlFragment {
  const column = raw(`lm.${clause.key}`)
  const { comparator } = clause
  if (comparator === 'LIKE' || comparator === 'ILIKE') {
    const text = sql`CAST(${column} AS TEXT)`
    return compareSql({ dialect, column: text, comparator, value: clause.value as string })
  }
  const toInteger = (text: string): number | undefined => {
    if (/^[+-]?\d+$/.test(text.trim())) return Number(text)
    return clause.key === 'status' ? statusAliases[text] : undefined
  }
  const values = (Array.isArray(clause.value) ? clause.value : [clause.value])
    .map(toInteger)
    .filter((value) => value !== undefined)
  const negated = comparator === '!=' || comparator === 'NOT IN'
  if (values.length === 0) return raw(negated ? '1 = 1' : '1 = 0')
  if (comparator === '=' || comparator === '!=') {
    return compareSql({ dialect, column, comparator, value: values[0] as number })
  }
  return compareSql({ dialect, column, comparator, value: values })
}
