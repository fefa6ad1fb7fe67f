/**
 * @module sql-comparison
 * One filter comparison as parameterised SQL, per dialect (`LIKE` is case-sensitive and `ILIKE`
 * case-insensitive on every database).
 */
import type { SqlDialect } from '../sql/sql-dialect.ts'
import { raw, type SqlFragment, sql, valueList } from '../sql/sql-fragment.ts'
import type { FilterComparator } from './filter-ast.ts'

const operators: Partial<Record<FilterComparator, string>> = {
  '=': '=',
  '!=': '<>',
  '>': '>',
  '>=': '>=',
  '<': '<',
  '<=': '<=',
}

/**
 * `column <comparator> value` with the value bound.
 *
 * @example
 * compareSql({ dialect: postgresDialect, column: raw('r.status'), comparator: 'IN', value: ['RUNNING'] })
 * // { sql: 'r.status IN (?)', parameters: ['RUNNING'] }
 */
export function compareSql(options: {
  dialect: SqlDialect
  column: SqlFragment
  comparator: FilterComparator
  value: string | number | readonly (string | number)[]
}): SqlFragment {
  const { dialect, column, comparator, value } = options
  if (comparator === 'IN' || comparator === 'NOT IN') {
    const list = Array.isArray(value) ? value : [value as string | number]
    return sql`${column} ${raw(comparator)} ${valueList(list)}`
  }
  if (Array.isArray(value)) throw new Error(`${comparator} takes one value, not a list`)
  const scalar = value as string | number
  if (comparator === 'LIKE') return dialect.like(column, String(scalar))
  if (comparator === 'ILIKE') return dialect.ilike(column, String(scalar))
  const operator = operators[comparator]
  if (operator === undefined) throw new Error(`Unsupported comparator ${comparator}`)
  return sql`${column} ${raw(operator)} ${scalar}`
}
