/**
 * @module postgres-driver
 * Adapts a PostgreSQL pool to the store's {@link SqlDriver}: `?` placeholders become `$1, $2…`,
 * statements outside a transaction run on any pooled connection, a transaction checks one out.
 */
import type { SqlDriver, SqlExecutor, SqlResult } from '../sql/sql-driver.ts'
import type { SqlFragment } from '../sql/sql-fragment.ts'
import type { PostgresPool, PostgresQueryable } from './postgres-dialect-config.ts'

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

async function run(target: PostgresQueryable, query: SqlFragment): Promise<SqlResult> {
  const parameters = query.parameters.map((value) =>
    typeof value === 'bigint' ? value.toString() : value,
  )
  const result = await target.query(toPostgresPlaceholders(query.sql), parameters)
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
  let closed = false
  return {
    execute: (query) => run(pool, query),
    async transaction(work) {
      const client = await pool.connect()
      const executor: SqlExecutor = { execute: (query) => run(client, query) }
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
