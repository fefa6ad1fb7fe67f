/**
 * @module sql-driver
 * What the SQL tracking store needs from a database: run a parameterised statement, run work in
 * a transaction, close. Each dialect folder adapts its client to this.
 */
import type { SqlFragment } from './sql-fragment.ts'

/** Rows a statement returned (empty for writes) and how many rows it changed. */
export interface SqlResult {
  rows: Record<string, unknown>[]
  changes: number
}

/** Runs statements. Inside a transaction, the executor is bound to it. */
export interface SqlExecutor {
  execute(query: SqlFragment): Promise<SqlResult>
}

/**
 * A connection (or pool) the store owns. `transaction` commits when `work` resolves and rolls
 * back when it rejects; statements outside a transaction autocommit.
 */
export interface SqlDriver extends SqlExecutor {
  transaction<T>(work: (executor: SqlExecutor) => Promise<T>): Promise<T>
  close(): Promise<void>
}
