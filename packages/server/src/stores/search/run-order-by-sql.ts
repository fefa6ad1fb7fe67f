/**
 * @module run-order-by-sql
 * Run `order_by` clauses → `LEFT JOIN`s and `ORDER BY` terms. Missing values sort last in both
 * directions; NaN metrics sort after real values and before missing ones. Ties are broken by
 * `start_time DESC` (unless ordered by start time) and then `run_id ASC`, as in MLflow.
 */
import { joinSql, raw, type SqlFragment, sql } from '../sql/sql-fragment.ts'
import type { RunOrderByClause } from './filter-ast.ts'

const attributeColumns: Record<string, string> = {
  run_id: 'r.run_uuid',
  run_name: 'r.name',
  status: 'r.status',
  user_id: 'r.user_id',
  artifact_uri: 'r.artifact_uri',
  lifecycle_stage: 'r.lifecycle_stage',
  start_time: 'r.start_time',
  end_time: 'r.end_time',
}

const tables = { metric: 'latest_metrics', parameter: 'params', tag: 'tags' } as const

/**
 * Compiles `order_by` clauses.
 *
 * @example
 * const { joins, orderBy } = compileRunOrderBy({ clauses: parseRunOrderBy({ orderBy: ['metrics.acc DESC'] }) })
 * sql`SELECT r.* FROM runs r ${joins} ORDER BY ${orderBy}`
 */
export function compileRunOrderBy(options: { clauses: readonly RunOrderByClause[] }): {
  joins: SqlFragment
  orderBy: SqlFragment
} {
  const joins: SqlFragment[] = []
  const terms: SqlFragment[] = []
  let orderedByStartTime = false
  options.clauses.forEach((clause, index) => {
    const direction = raw(clause.ascending ? 'ASC' : 'DESC')
    if (clause.type === 'attribute') {
      const column = raw(attributeColumns[clause.key] as string)
      if (clause.key === 'start_time') orderedByStartTime = true
      terms.push(sql`CASE WHEN ${column} IS NULL THEN 1 ELSE 0 END`, sql`${column} ${direction}`)
      return
    }
    const alias = raw(`o${index}`)
    joins.push(
      sql`LEFT JOIN ${raw(tables[clause.type])} ${alias}
          ON ${alias}.run_uuid = r.run_uuid AND ${alias}.key = ${clause.key}`,
    )
    if (clause.type === 'metric') {
      terms.push(
        sql`CASE WHEN ${alias}.is_nan = 1 THEN 1 WHEN ${alias}.value IS NULL THEN 2 ELSE 0 END`,
      )
    } else {
      terms.push(sql`CASE WHEN ${alias}.value IS NULL THEN 1 ELSE 0 END`)
    }
    terms.push(sql`${alias}.value ${direction}`)
  })
  if (!orderedByStartTime) terms.push(sql`r.start_time DESC`)
  terms.push(sql`r.run_uuid ASC`)
  return { joins: joinSql(joins, ' '), orderBy: joinSql(terms, ', ') }
}
