/**
 * @module postgres-driver
 * Adapts a PostgreSQL pool to the store's {@link SqlDriver}: `?` placeholders become `$1, $2…`,
 * statements outside a transaction run on any pooled connection, a transaction checks one out.
 * Parameterised statement texts that come back (the stores' fixed queries, the metric batch
 * inserts) become named prepared statements, so each connection parses and plans them once.
 */
import type { SqlDriver, SqlExecutor, SqlResult } from '../sql/sql-driver.ts'
import type { SqlFragment } from '../sql/sql-fragment.ts'
import type {
  PostgresPool,
  PostgresQueryable,
  PostgresQueryResult,
} from './postgres-dialect-config.ts'

/** A text run this many times gets a name (a text seen once may never come back). */
const PREPARE_AFTER_USES = 2
/** At most this many names: pg keeps every prepared statement for the connection's life. */
const MAX_PREPARED_STATEMENTS = 200
/** Texts counted while waiting for their second use; the count restarts when it is full. */
const MAX_COUNTED_TEXTS = 2000

/**
 * What pg's `Pool.query` and `PoolClient.query` also accept: a query config with a `name`, which
 * makes it a prepared statement of the connection it runs on.
 */
interface NamedQueryable {
  query(config: { name: string; text: string; values: unknown[] }): Promise<PostgresQueryResult>
}

/**
 * Names repeated statement texts (`dspyflow_1`, `dspyflow_2`…), up to a fixed number of them.
 *
 * @example
 * const nameOf = createStatementNames()
 * nameOf('SELECT 1') // undefined (first use)
 * nameOf('SELECT 1') // 'dspyflow_1'
 */
export function createStatementNames(
  options: { afterUses?: number; max?: number } = {},
): (text: string) => string | undefined {
  const afterUses = options.afterUses ?? PREPARE_AFTER_USES
  const max = options.max ?? MAX_PREPARED_STATEMENTS
  const names = new Map<string, string>()
  const uses = new Map<string, number>()
  return (text) => {
    const name = names.get(text)
    if (name !== undefined || names.size >= max) return name
    const count = (uses.get(text) ?? 0) + 1
    if (count < afterUses) {
      if (uses.size >= MAX_COUNTED_TEXTS) uses.clear()
      uses.set(text, count)
      return undefined
    }
    uses.delete(text)
    const named = `dspyflow_${names.size + 1}`
    names.set(text, named)
    return named
  }
}

/**
 * Rewrites `?` placeholders as `$n`. The stores never put a literal `?` in SQL text (values are
 * always bound), so every `?` is a placeholder.
 *
 * @example
 * toPostgresPlaceholders('a = ? AND b = ?') // 'a = $1 AND b = $2'
 */
export function toPostgresPlaceholders(text: string): string {
  let index = 0
  return text.replace(/\?/g, () => {
    index += 1
    return `$${index}`
  })
}

async function run(
  target: PostgresQueryable,
  query: SqlFragment,
  nameOf: (text: string) => string | undefined,
): Promise<SqlResult> {
  const parameters = query.parameters.map((value) =>
    typeof value === 'bigint' ? value.toString() : value,
  )
  const text = toPostgresPlaceholders(query.sql)
  // Only parameterised statements: a text without values may hold several statements (which
  // the extended protocol refuses) and is typically DDL, run once.
  const name = parameters.length === 0 ? undefined : nameOf(text)
  const result =
    name === undefined
      ? await target.query(text, parameters)
      : await (target as unknown as NamedQueryable).query({ name, text, values: parameters })
  return { rows: result.rows ?? [], changes: result.rowCount ?? 0 }
}

/**
 * Wraps a pool. The driver owns the pool and ends it in `close()`.
 *
 * @example
 * const driver = createPostgresDriver({ pool: new pg.Pool({ connectionString }) })
 */
export function createPostgresDriver(options: { pool: PostgresPool }): SqlDriver {
  const { pool } = options
  const nameOf = createStatementNames()
  let closed = false
  return {
    execute: (query) => run(pool, query, nameOf),
    async transaction(work) {
      const client = await pool.connect()
      const executor: SqlExecutor = { execute: (query) => run(client, query, nameOf) }
      let broken = false
      try {
        await client.query('BEGIN')
        try {
          const result = await work(executor)
          await client.query('COMMIT')
          return result
        } catch (error) {
          await client.query('ROLLBACK').catch(() => {
            broken = true
          })
          throw error
        }
      } finally {
        client.release(broken)
      }
    },
    async close() {
      if (closed) return
      closed = true
      await pool.end()
    },
  }
}
