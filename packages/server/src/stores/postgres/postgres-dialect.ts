/**
 * @module postgres-dialect
 * PostgreSQL's SQL differences: `LIKE` is already case-sensitive and `ILIKE` exists. Both get
 * `ESCAPE ''`: PostgreSQL's default escape is `\`, while MLflow's patterns have no escape
 * character (SQLAlchemy on SQLite sets none), so `\%` is a backslash and a wildcard.
 */
import type { SqlDialect } from '../sql/sql-dialect.ts'
import { sql } from '../sql/sql-fragment.ts'

/**
 * The PostgreSQL dialect.
 *
 * @example
 * postgresDialect.ilike(raw('t.value'), 'a%')
 * // { sql: "t.value ILIKE ? ESCAPE ''", parameters: ['a%'] }
 */
export const postgresDialect: SqlDialect = {
  name: 'postgres',
  like: (column, pattern) => sql`${column} LIKE ${pattern} ESCAPE ''`,
  ilike: (column, pattern) => sql`${column} ILIKE ${pattern} ESCAPE ''`,
  isUniqueViolation: (error) => (error as { code?: unknown } | null)?.code === '23505',
}
