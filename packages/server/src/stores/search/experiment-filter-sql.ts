/**
 * @module experiment-filter-sql
 * Experiment filter and order-by clauses → SQL on `experiments` aliased `e`.
 */
import type { SqlDialect } from '../sql/sql-dialect.ts'
import { joinSql, raw, type SqlFragment, sql } from '../sql/sql-fragment.ts'
import type { ExperimentFilterClause, ExperimentOrderByClause } from './filter-ast.ts'
import { compareSql } from './sql-comparison.ts'

/**
 * Compiles experiment filter clauses to conditions to be joined with `AND`.
 *
 * @example
 * compileExperimentFilter({ clauses: parseExperimentFilter({ filter: "name = 'x'" }), dialect })
 */
export function compileExperimentFilter(options: {
  clauses: readonly ExperimentFilterClause[]
  dialect: SqlDialect
}): SqlFragment[] {
  const { dialect } = options
  return options.clauses.map((clause) => {
    if (clause.type === 'tag') {
      const keyed = sql`SELECT 1 FROM experiment_tags t
                        WHERE t.experiment_id = e.experiment_id AND t.key = ${clause.key}`
      if (clause.comparator === 'IS NULL') return sql`NOT EXISTS (${keyed})`
      if (clause.comparator === 'IS NOT NULL') return sql`EXISTS (${keyed})`
      const value = compareSql({
        dialect,
        column: raw('t.value'),
        comparator: clause.comparator,
        value: clause.value ?? '',
      })
      return sql`EXISTS (${keyed} AND ${value})`
    }
    return compareSql({
      dialect,
      column: raw(`e.${clause.key}`),
      comparator: clause.comparator,
      value: clause.value,
    })
  })
}

/**
 * Compiles experiment `order_by` (default `creation_time DESC, experiment_id ASC`); an
 * `experiment_id DESC` tie-breaker is appended unless the id is ordered on, as in MLflow.
 *
 * @example
 * compileExperimentOrderBy({ clauses: [] }) // creation_time DESC, experiment_id ASC
 */
export function compileExperimentOrderBy(options: {
  clauses: readonly ExperimentOrderByClause[]
}): SqlFragment {
  const clauses: readonly ExperimentOrderByClause[] =
    options.clauses.length > 0
      ? options.clauses
      : [
          { key: 'creation_time', ascending: false },
          { key: 'experiment_id', ascending: true },
        ]
  const terms = clauses.map((clause) => raw(`e.${clause.key} ${clause.ascending ? 'ASC' : 'DESC'}`))
  if (!clauses.some((clause) => clause.key === 'experiment_id')) {
    terms.push(raw('e.experiment_id DESC'))
  }
  return joinSql(terms, ', ')
}
