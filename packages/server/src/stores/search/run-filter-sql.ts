/**
 * @module run-filter-sql
 * Run filter clauses → SQL conditions on the `runs` table aliased `r`. Metric, param, tag and
 * dataset comparisons become `EXISTS` subqueries that hit a primary key per candidate run, so a
 * filter never multiplies rows. Metric comparisons use the latest value; NaN satisfies only
 * `!=` (MLflow 3.17 semantics).
 */
import type { SqlDialect } from '../sql/sql-dialect.ts'
import { raw, type SqlFragment, sql } from '../sql/sql-fragment.ts'
import type { RunFilterClause } from './filter-ast.ts'
import { compareSql } from './sql-comparison.ts'

const attributeColumns: Record<string, string> = {
  run_id: 'r.run_uuid',
  status: 'r.status',
  user_id: 'r.user_id',
  artifact_uri: 'r.artifact_uri',
  lifecycle_stage: 'r.lifecycle_stage',
  start_time: 'r.start_time',
  end_time: 'r.end_time',
}

/**
 * Compiles parsed run filter clauses to conditions to be joined with `AND`.
 *
 * @example
 * compileRunFilter({ clauses: parseRunFilter({ filter: "params.lr = '0.1'" }), dialect })
 * // [{ sql: 'EXISTS (SELECT 1 FROM params p WHERE p.run_uuid = r.run_uuid AND p.key = ? AND p.value = ?)', ... }]
 */
export function compileRunFilter(options: {
  clauses: readonly RunFilterClause[]
  dialect: SqlDialect
}): SqlFragment[] {
  return options.clauses.map((clause) => compileClause(clause, options.dialect))
}

function exists(body: SqlFragment, negate = false): SqlFragment {
  return sql`${raw(negate ? 'NOT EXISTS' : 'EXISTS')} (${body})`
}

function compileClause(clause: RunFilterClause, dialect: SqlDialect): SqlFragment {
  switch (clause.type) {
    case 'metric': {
      const value = compareSql({
        dialect,
        column: raw('m.value'),
        comparator: clause.comparator,
        value: clause.value,
      })
      const condition =
        clause.comparator === '!='
          ? sql`(m.is_nan = 1 OR ${value})`
          : sql`(m.is_nan = 0 AND ${value})`
      return exists(
        sql`SELECT 1 FROM latest_metrics m
            WHERE m.run_uuid = r.run_uuid AND m.key = ${clause.key} AND ${condition}`,
      )
    }
    case 'parameter':
    case 'tag': {
      const table = raw(clause.type === 'parameter' ? 'params' : 'tags')
      const keyed = sql`SELECT 1 FROM ${table} kv WHERE kv.run_uuid = r.run_uuid AND kv.key = ${clause.key}`
      if (clause.comparator === 'IS NULL') return exists(keyed, true)
      if (clause.comparator === 'IS NOT NULL') return exists(keyed)
      const value = compareSql({
        dialect,
        column: raw('kv.value'),
        comparator: clause.comparator,
        value: clause.value ?? '',
      })
      return exists(sql`${keyed} AND ${value}`)
    }
    case 'attribute': {
      if (clause.key === 'run_name') {
        // Matched against the mlflow.runName tag, as MLflow does (old runs lack the column).
        const value = compareSql({
          dialect,
          column: raw('kv.value'),
          comparator: clause.comparator,
          value: clause.value,
        })
        return exists(
          sql`SELECT 1 FROM tags kv
              WHERE kv.run_uuid = r.run_uuid AND kv.key = 'mlflow.runName' AND ${value}`,
        )
      }
      const column = attributeColumns[clause.key] as string
      return compareSql({
        dialect,
        column: raw(column),
        comparator: clause.comparator,
        value: clause.value,
      })
    }
    case 'dataset': {
      if (clause.key === 'context') {
        const value = compareSql({
          dialect,
          column: raw('it.value'),
          comparator: clause.comparator,
          value: clause.value,
        })
        return exists(
          sql`SELECT 1 FROM inputs i JOIN input_tags it ON it.input_uuid = i.input_uuid
              WHERE i.destination_type = 'RUN' AND i.destination_id = r.run_uuid
                AND i.source_type = 'DATASET' AND it.name = 'mlflow.data.context' AND ${value}`,
        )
      }
      const value = compareSql({
        dialect,
        column: raw(`d.${clause.key}`),
        comparator: clause.comparator,
        value: clause.value,
      })
      return exists(
        sql`SELECT 1 FROM inputs i JOIN datasets d ON d.dataset_uuid = i.source_id
            WHERE i.destination_type = 'RUN' AND i.destination_id = r.run_uuid
              AND i.source_type = 'DATASET' AND ${value}`,
      )
    }
  }
}
