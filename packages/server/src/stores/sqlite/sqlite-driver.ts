/**
 * @module sqlite-driver
 * Adapts a synchronous SQLite connection to the store's async {@link SqlDriver}. Statements are
 * prepared once and cached. A mutex serialises work on the single connection: a transaction
 * spans several awaits, and nothing else may run on the connection meanwhile.
 */
import type { SqlDriver, SqlExecutor, SqlResult } from '../sql/sql-driver.ts'
import type { SqlFragment } from '../sql/sql-fragment.ts'
import type { SqliteDatabase, SqliteStatement } from './sqlite-dialect-config.ts'

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
  const statements = new Map<string, SqliteStatement>()
  const acquire = createMutex()
  let closed = false

  function prepare(text: string): SqliteStatement {
    const cached = statements.get(text)
    if (cached) {
      statements.delete(text)
      statements.set(text, cached)
      return cached
    }
    const statement = database.prepare(text)
    statements.set(text, statement)
    if (statements.size > STATEMENT_CACHE_SIZE) {
      statements.delete(statements.keys().next().value as string)
    }
    return statement
  }

  function run(query: SqlFragment): SqlResult {
    if (closed) throw new Error('The SQLite tracking store is closed')
    const statement = prepare(query.sql)
    const parameters = query.parameters.map((value) => (value === undefined ? null : value))
    if (statement.reader) {
      if (query.wideIntegers === true && statement.safeIntegers !== undefined) {
        return { rows: readWideIntegers(statement, parameters), changes: 0 }
      }
      return { rows: statement.all(...parameters) as Record<string, unknown>[], changes: 0 }
    }
    return { rows: [], changes: statement.run(...parameters).changes }
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
 * only integers beyond ±2^53 stay bigints.
 */
function readWideIntegers(
  statement: SqliteStatement,
  parameters: unknown[],
): Record<string, unknown>[] {
  statement.safeIntegers?.(true)
  let rows: Record<string, unknown>[]
  try {
    rows = statement.all(...parameters) as Record<string, unknown>[]
  } finally {
    statement.safeIntegers?.(false)
  }
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      const value = row[key]
      if (typeof value === 'bigint' && value >= MIN_SAFE && value <= MAX_SAFE)
        row[key] = Number(value)
    }
  }
  return rows
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
