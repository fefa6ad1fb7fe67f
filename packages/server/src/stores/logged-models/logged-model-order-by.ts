/**
 * @module logged-model-order-by
 * Structured `order_by` of a logged-model search → `LEFT JOIN`s and `ORDER BY` terms. A field
 * is a `logged_models` column (or an alias) or `metrics.<key>`: the model's latest point of that
 * metric (latest timestamp, then step, then run id), optionally on one dataset. Missing values
 * sort last in both directions; then `creation_timestamp_ms DESC` (unless ordered by it) and
 * `model_id ASC` (unless ordered by it), as in MLflow.
 */
import type { SearchLoggedModelsOrderBy } from '@dspyflow/mlflow/protocol'
import { joinSql, raw, type SqlFragment, sql } from '../sql/sql-fragment.ts'
import { StoreError } from '../store-error.ts'
import {
  LOGGED_MODEL_ATTRIBUTE_ALIASES,
  LOGGED_MODEL_ATTRIBUTES,
  type LoggedModelAttribute,
} from './logged-model-filter.ts'

/** One checked ordering. */
export type LoggedModelOrderClause =
  | { type: 'attribute'; column: LoggedModelAttribute; ascending: boolean }
  | {
      type: 'metric'
      key: string
      ascending: boolean
      datasetName?: string
      datasetDigest?: string
    }

/**
 * Checks `order_by` entries.
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE` ("Invalid order by field name: …").
 * @example
 * parseLoggedModelOrderBy({ orderBy: [{ fieldName: 'metrics.acc', ascending: false }] })
 * // [{ type: 'metric', key: 'acc', ascending: false }]
 */
export function parseLoggedModelOrderBy(options: {
  orderBy: readonly SearchLoggedModelsOrderBy[]
}): LoggedModelOrderClause[] {
  return options.orderBy.map((entry) => {
    const { fieldName } = entry
    const ascending = entry.ascending ?? true
    const dot = fieldName.indexOf('.')
    if (dot === -1) {
      const column = LOGGED_MODEL_ATTRIBUTE_ALIASES[fieldName] ?? fieldName
      if (!(LOGGED_MODEL_ATTRIBUTES as readonly string[]).includes(column)) {
        throw StoreError.invalidParameter(`Invalid order by field name: ${fieldName}`)
      }
      return { type: 'attribute', column: column as LoggedModelAttribute, ascending }
    }
    if (fieldName.slice(0, dot) !== 'metrics') {
      throw StoreError.invalidParameter(
        `Invalid order by field name: ${fieldName}. Only metrics are supported.`,
      )
    }
    const clause: LoggedModelOrderClause = {
      type: 'metric',
      key: fieldName.slice(dot + 1),
      ascending,
    }
    if (entry.datasetName) clause.datasetName = entry.datasetName
    if (entry.datasetDigest) clause.datasetDigest = entry.datasetDigest
    return clause
  })
}

/**
 * Compiles checked orderings. `scope` limits the metric subqueries to the searched models.
 *
 * @example
 * const { joins, orderBy } = compileLoggedModelOrderBy({ clauses, scope: sql`lm2.experiment_id IN (1)` })
 * sql`SELECT lm.* FROM logged_models lm ${joins} ORDER BY ${orderBy}`
 */
export function compileLoggedModelOrderBy(options: {
  clauses: readonly LoggedModelOrderClause[]
  scope: SqlFragment
}): { joins: SqlFragment; orderBy: SqlFragment } {
  const joins: SqlFragment[] = []
  const terms: SqlFragment[] = []
  let byCreation = false
  let byModelId = false
  options.clauses.forEach((clause, index) => {
    const direction = raw(clause.ascending ? 'ASC' : 'DESC')
    if (clause.type === 'attribute') {
      const column = raw(`lm.${clause.column}`)
      if (clause.column === 'creation_timestamp_ms') byCreation = true
      if (clause.column === 'model_id') byModelId = true
      terms.push(sql`CASE WHEN ${column} IS NULL THEN 1 ELSE 0 END`, sql`${column} ${direction}`)
      return
    }
    const alias = raw(`o${index}`)
    const name = sql`metric_name = ${clause.key}`
    const datasetName =
      clause.datasetName === undefined ? sql`` : sql` AND dataset_name = ${clause.datasetName}`
    const datasetDigest =
      clause.datasetDigest === undefined
        ? sql``
        : sql` AND dataset_digest = ${clause.datasetDigest}`
    joins.push(
      sql`LEFT JOIN (
            SELECT ranked.model_id, ranked.metric_value FROM (
              SELECT model_id, metric_value,
                     ROW_NUMBER() OVER (PARTITION BY model_id, metric_name
                                        ORDER BY metric_timestamp_ms DESC, metric_step DESC,
                                                 run_id ASC) AS row_num
              FROM logged_model_metrics
              WHERE ${name}${datasetName}${datasetDigest}
                AND model_id IN (SELECT lm2.model_id FROM logged_models lm2 WHERE ${options.scope})
            ) ranked WHERE ranked.row_num = 1
          ) ${alias} ON ${alias}.model_id = lm.model_id`,
    )
    terms.push(
      sql`CASE WHEN ${alias}.metric_value IS NULL THEN 1 ELSE 0 END`,
      sql`${alias}.metric_value ${direction}`,
    )
  })
  if (!byCreation) terms.push(sql`lm.creation_timestamp_ms DESC`)
  if (!byModelId) terms.push(sql`lm.model_id ASC`)
  return { joins: joinSql(joins, ' '), orderBy: joinSql(terms, ', ') }
}
