/**
 * @module sqlite-dialect
 * SQLite's SQL differences. SQLite's `LIKE` ignores ASCII case, so a case-sensitive `LIKE` is
 * rewritten as `GLOB` (MLflow gets the same effect with `PRAGMA case_sensitive_like`, which
 * newer SQLite builds may leave out).
 */
import type { SqlDialect } from '../sql/sql-dialect.ts'
import { sql } from '../sql/sql-fragment.ts'

/**
 * Turns a `LIKE` pattern (`%`, `_`, `\` escapes) into the equivalent `GLOB` pattern.
 *
 * @example
 * likeToGlob('lr_%') // 'lr?*'
 * likeToGlob('100\\%') // '100%'
 */
export function likeToGlob(pattern: string): string {
  let glob = ''
  for (let index = 0; index < pattern.length; index += 1) {
    let char = pattern[index] as string
    let literal = false
    if (char === '\\' && index + 1 < pattern.length) {
      index += 1
      char = pattern[index] as string
      literal = true
    }
    if (!literal && char === '%') glob += '*'
    else if (!literal && char === '_') glob += '?'
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
  ilike: (column, pattern) => sql`LOWER(${column}) LIKE LOWER(${pattern}) ESCAPE '\\'`,
  isUniqueViolation(error) {
    const code = (error as { code?: unknown } | null)?.code
    return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  },
}
