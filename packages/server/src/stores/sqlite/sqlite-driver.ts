/**
 * @module sqlite-driver
 * Adapts a synchronous SQLite connection to the store's async {@link SqlDriver}. Statements are
 * prepared once and cached, readers with a compiled row builder (see sqlite-rows.ts). A mutex
 * serialises work on the single connection: a transaction spans several awaits, and nothing
 * else may run on the connection meanwhile.
 */
import type { SqlDriver, SqlExecutor, SqlResult } from '../sql/sql-driver.ts'
import type { SqlFragment } from '../sql/sql-fragment.ts'
import type { SqliteDatabase, SqliteStatement } from './sqlite-dialect-config.ts'
import { buildRows, type RowBuilder, rawRowBuilder } from './sqlite-rows.ts'
import { registerSqliteRegexp } from './sqlite-regexp.ts'

/** A cached statement; readers that return raw rows carry the builder of their row objects. */
interface Prepared {
  statement: SqliteStatement
  build?: RowBuilder
}

const STATEMENT_CACHE_SIZE = 256

/**
 * Wraps a connection. Call once per connection; the driver owns it and closes it in `close()`.
 *
 * @example
 * const driver = createSqliteDriver({ database: new Database(':memory:') })
 * await driver.execute(sql`SELECT 1 AS one`) // { rows: [{ one: 1 }], changes: 0 }
 */
export function createSqliteDriver(options: { database: SqliteDatabase }): SqlDriver {
  const { database } = options
  registerSqliteRegexp(database)
  const statements = new Map<string, Prepared>()
  const acquire = createMutex()
  let closed = false

  function prepare(text: string): Prepared {
    const cached = statements.get(text)
    if (cached) {
      statements.delete(text)
      statements.set(text, cached)
      return cached
    }
    const statement = database.prepare(text)
    const prepared: Prepared = statement.reader
      ? { statement, build: rawRowBuilder(statement, text) }
      : { statement }
    statements.set(text, prepared)
    if (statements.size > STATEMENT_CACHE_SIZE) {
      statements.delete(statements.keys().next().value as string)
    }
    return prepared
  }

  function run(query: SqlFragment): SqlResult {
    if (closed) throw new Error('The SQLite tracking store is closed')
    const { statement, build } = prepare(query.sql)
    // Bound as one array (better-sqlite3 spreads it over the `?`s): no argument spreading of
    // the hundreds of values a batch insert carries.
    const parameters = withNulls(query.parameters)
    if (!statement.reader) return { rows: [], changes: statement.run(parameters).changes }
    const wide = query.wideIntegers === true && statement.safeIntegers !== undefined
    const rows = wide ? readWideIntegers(statement, parameters) : statement.all(parameters)
    if (build === undefined) return { rows: rows as Record<string, unknown>[], changes: 0 }
    return { rows: buildRows(rows as unknown[][], build), changes: 0 }
  }

  const inTransaction: SqlExecutor = { execute: async (query) => run(query) }

  return {
    async execute(query) {
      const release = await acquire()
      try {
        return run(query)
      } finally {
        release()
      }
    },
    async transaction(work) {
      const release = await acquire()
      try {
        run({ sql: 'BEGIN IMMEDIATE', parameters: [] })
        try {
          const result = await work(inTransaction)
          run({ sql: 'COMMIT', parameters: [] })
          return result
        } catch (error) {
          try {
            run({ sql: 'ROLLBACK', parameters: [] })
          } catch {
            // SQLite already rolled back (e.g. after SQLITE_FULL); the original error matters.
          }
          throw error
        }
      } finally {
        release()
      }
    },
    async close() {
      const release = await acquire()
      try {
        if (!closed) {
          closed = true
          statements.clear()
          database.close()
        }
      } finally {
        release()
      }
    },
  }
}

/**
 * Runs a reader with integers read as bigints, then turns the safe ones back into numbers, so
 * only integers beyond ±2^53 stay bigints. Rows are raw arrays or objects, as the statement
 * returns them.
 */
function readWideIntegers(statement: SqliteStatement, parameters: readonly unknown[]): unknown[] {
  statement.safeIntegers?.(true)
  let rows: unknown[]
  try {
    rows = statement.all(parameters)
  } finally {
    statement.safeIntegers?.(false)
  }
  for (const row of rows) {
    if (Array.isArray(row)) {
      for (let index = 0; index < row.length; index += 1) row[index] = narrow(row[index])
    } else {
      const record = row as Record<string, unknown>
      for (const key of Object.keys(record)) record[key] = narrow(record[key])
    }
  }
  return rows
}

function narrow(value: unknown): unknown {
  return typeof value === 'bigint' && value >= MIN_SAFE && value <= MAX_SAFE ? Number(value) : value
}

/** The parameters with `undefined` (which SQLite cannot bind) as `null`; copied only if needed. */
function withNulls(parameters: readonly unknown[]): readonly unknown[] {
  for (let index = 0; index < parameters.length; index += 1) {
    if (parameters[index] === undefined) {
      return parameters.map((value) => (value === undefined ? null : value))
    }
  }
  return parameters
}

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER)
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER)

/** A FIFO async lock: `await acquire()` returns the function that releases it. */
function createMutex(): () => Promise<() => void> {
  let tail: Promise<void> = Promise.resolve()
  return async () => {
    let release: () => void = () => undefined
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    const previous = tail
    tail = previous.then(() => held)
    await previous
    return release
  }
}
