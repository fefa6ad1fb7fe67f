/**
 * @module sqlite-dialect
 * SQLite's SQL differences. SQLite's `LIKE` ignores ASCII case, so a case-sensitive `LIKE` is
 * rewritten as `GLOB` (MLflow gets the same effect with `PRAGMA case_sensitive_like`, which
 * newer SQLite builds may leave out).
 */
import type { SqlDialect } from '../sql/sql-dialect.ts'
import { sql } from '../sql/sql-fragment.ts'

/**
 * Turns a `LIKE` pattern (`%`, `_` wildcards) into the equivalent `GLOB` pattern. There is no
 * escape character, as MLflow's SQLAlchemy `column.like(value)` sets none: a backslash is
 * literal, and the wildcard after it still matches.
 *
 * @example
 * likeToGlob('lr_%') // 'lr?*'
 * likeToGlob('100\\%') // '100\\*'
 */
export function likeToGlob(pattern: string): string {
  let glob = ''
  for (const char of pattern) {
    if (char === '%') glob += '*'
    else if (char === '_') glob += '?'
    else if (char === '*' || char === '?' || char === '[') glob += `[${char}]`
    else glob += char
  }
  return glob
}

/**
 * The SQLite dialect.
 *
 * @example
 * sqliteDialect.like(raw('p.value'), 'a%') // { sql: 'p.value GLOB ?', parameters: ['a*'] }
 */
export const sqliteDialect: SqlDialect = {
  name: 'sqlite',
  like: (column, pattern) => sql`${column} GLOB ${likeToGlob(pattern)}`,
  ilike: (column, pattern) => sql`LOWER(${column}) LIKE LOWER(${pattern})`,
  isUniqueViolation(error) {
    const code = (error as { code?: unknown } | null)?.code
    return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  },
}
