/**
 * @module sqlite-rows
 * Reads a statement's rows cheaply: better-sqlite3 returns them as arrays (`raw` mode) and a
 * row builder compiled once per statement turns each into an object literal with the column
 * names as keys. better-sqlite3's own object rows set every property by name through the V8
 * API, looking up each column name again for every row, which costs more than the query
 * itself for large results (a metric history of 100,000 points, a page of runs' tags).
 */
import type { SqliteStatement } from './sqlite-dialect-config.ts'

/** Turns one raw row (values in column order) into the row object. */
export type RowBuilder = (values: readonly unknown[]) => Record<string, unknown>

/**
 * Switches a reader to raw rows and returns the builder of its row objects; `undefined` (the
 * statement left in object mode) when the driver cannot return raw rows, when the text has a
 * `*` (after a schema change SQLite re-prepares the statement, and `SELECT *` may then return
 * other columns than the builder knows), or when a column name cannot be an object-literal key
 * (`__proto__`).
 *
 * @example
 * const build = rawRowBuilder(database.prepare('SELECT 1 AS one'), 'SELECT 1 AS one')
 * build?.([1]) // { one: 1 }
 */
export function rawRowBuilder(statement: SqliteStatement, text: string): RowBuilder | undefined {
  if (typeof statement.raw !== 'function' || typeof statement.columns !== 'function') {
    return undefined
  }
  if (text.includes('*')) return undefined
  const names = statement.columns().map((column) => column.name)
  if (names.includes('__proto__')) return undefined
  statement.raw(true)
  const fields = names.map((name, index) => `${JSON.stringify(name)}: values[${index}]`)
  // One object literal per statement: every row gets the same shape, built without lookups.
  return new Function('values', `return { ${fields.join(', ')} }`) as RowBuilder
}

/**
 * Builds the row objects of raw rows.
 *
 * @example
 * buildRows([[1], [2]], (values) => ({ one: values[0] })) // [{ one: 1 }, { one: 2 }]
 */
export function buildRows(
  rows: readonly (readonly unknown[])[],
  build: RowBuilder,
): Record<string, unknown>[] {
  const objects: Record<string, unknown>[] = new Array(rows.length)
  for (let index = 0; index < rows.length; index += 1) {
    objects[index] = build(rows[index] as readonly unknown[])
  }
  return objects
}
