/**
 * @module sqlite-regexp
 * SQLite has a `REGEXP` operator but no function behind it: `value REGEXP pattern` calls
 * `regexp(pattern, value)`. The trace search uses it for MLflow's `RLIKE`, which matches anywhere
 * in the value like Python's `re.search`.
 */
import type { SqliteDatabase } from './sqlite-dialect-config.ts'

const compiledPatterns = new Map<string, RegExp | undefined>()

/**
 * Registers `regexp(pattern, value)` on a connection (when the driver can register functions).
 * A pattern JavaScript cannot compile matches nothing; `NULL` values never match.
 *
 * @example
 * registerSqliteRegexp(database)
 * database.prepare("SELECT 'nlp' REGEXP '^n.p$' AS hit").get() // { hit: 1 }
 */
export function registerSqliteRegexp(database: SqliteDatabase): void {
  database.function?.('regexp', { deterministic: true }, (pattern, value) => {
    if (value === null || value === undefined) return 0
    return compile(String(pattern))?.test(String(value)) ? 1 : 0
  })
}

function compile(source: string): RegExp | undefined {
  if (compiledPatterns.has(source)) return compiledPatterns.get(source)
  let regexp: RegExp | undefined
  try {
    regexp = new RegExp(source)
  } catch {
    regexp = undefined
  }
  if (compiledPatterns.size >= 1000) compiledPatterns.clear()
  compiledPatterns.set(source, regexp)
  return regexp
}
