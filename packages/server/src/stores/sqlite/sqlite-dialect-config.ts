/**
 * @module sqlite-dialect-config
 * The part of a SQLite driver the store calls, described structurally (better-sqlite3's
 * `Database` fits it), so the store never imports the native module itself.
 */

/**
 * A prepared statement: `reader` tells whether it returns rows. The driver passes the values of
 * the `?` placeholders as one array argument, which better-sqlite3 binds in order.
 */
export interface SqliteStatement {
  readonly reader: boolean
  all(...parameters: unknown[]): unknown[]
  run(...parameters: unknown[]): { changes: number }
  /**
   * better-sqlite3's switch to read integers as bigints; used for queries marked
   * `wideIntegers` (metric steps beyond 2^53). Without it such values lose precision.
   */
  safeIntegers?(toggle?: boolean): unknown
  /** better-sqlite3's switch to return rows as arrays of column values (readers only). */
  raw?(toggle?: boolean): unknown
  /** better-sqlite3's result columns of a reader, in order. */
  columns?(): { name: string }[]
}

/**
 * A synchronous SQLite connection, such as `new Database(path)` from better-sqlite3.
 *
 * @example
 * import Database from 'better-sqlite3'
 * const database: SqliteDatabase = new Database('mlflow.db')
 */
export interface SqliteDatabase {
  prepare(source: string): SqliteStatement
  exec(source: string): unknown
  close(): unknown
  /** Registers a SQL function (better-sqlite3's `function`); used for `REGEXP` (`RLIKE`). */
  function?(
    name: string,
    options: { deterministic: boolean },
    implementation: (...args: unknown[]) => unknown,
  ): unknown
}

/** How the SQLite store reaches its database. */
export interface SqliteDialectConfig {
  /** An open connection; the store owns it from now on and closes it in `close()`. */
  database: SqliteDatabase
  /** How long a write waits for another process's lock (`busy_timeout`, default 5000 ms). */
  busyTimeoutMs?: number
}
