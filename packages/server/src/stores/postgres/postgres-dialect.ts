/**
 * @module postgres-dialect
 * PostgreSQL's SQL differences: `LIKE` is already case-sensitive and `ILIKE` exists.
 */
import type { SqlDialect } from '../sql/sql-dialect.ts'
import { sql } from '../sql/sql-fragment.ts'

/**
 * The PostgreSQL dialect.
 *
 * @example
 * postgresDialect.ilike(raw('t.value'), 'a%') // { sql: 't.value ILIKE ?', parameters: ['a%'] }
 */
export const postgresDialect: SqlDialect = {
  name: 'postgres',
  like: (column, pattern) => sql`${column} LIKE ${pattern}`,
  ilike: (column, pattern) => sql`${column} ILIKE ${pattern}`,
  isUniqueViolation: (error) => (error as { code?: unknown } | null)?.code === '23505',
}
