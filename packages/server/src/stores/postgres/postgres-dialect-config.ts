/**
 * @module postgres-dialect-config
 * The part of a PostgreSQL client the store calls, described structurally (pg's `Pool` fits
 * it), so the store never imports `pg` itself.
 */

/** What a query resolves to. */
export interface PostgresQueryResult {
  rows: Record<string, unknown>[]
  rowCount: number | null
}

/** Something that runs a query with `$1`-style placeholders. */
export interface PostgresQueryable {
  query(text: string, values?: unknown[]): Promise<PostgresQueryResult>
}

/** A client checked out of the pool for a transaction. */
export interface PostgresPoolClient extends PostgresQueryable {
  release(destroy?: boolean | Error): void
}

/**
 * A connection pool, such as `new Pool({ connectionString })` from pg.
 *
 * @example
 * import pg from 'pg'
 * const pool: PostgresPool = new pg.Pool({ connectionString: 'postgresql://localhost/mlflow' })
 */
export interface PostgresPool extends PostgresQueryable {
  connect(): Promise<PostgresPoolClient>
  end(): Promise<void>
}

/** How the PostgreSQL store reaches its database. */
export interface PostgresDialectConfig {
  /** A pool; the store owns it from now on and ends it in `close()`. */
  pool: PostgresPool
}
