import { describe, expect, it } from 'vitest'
import { raw, sql } from '../sql/sql-fragment.ts'
import { postgresDialect } from './postgres-dialect.ts'
import { toPostgresPlaceholders } from './postgres-driver.ts'

describe('postgresDialect', () => {
  it('uses LIKE and ILIKE without an escape character', () => {
    const column = raw('kv.value')
    expect(postgresDialect.like(column, 'a%')).toMatchObject({
      sql: "kv.value LIKE ? ESCAPE ''",
      parameters: ['a%'],
    })
    expect(postgresDialect.ilike(column, 'A%')).toMatchObject({
      sql: "kv.value ILIKE ? ESCAPE ''",
      parameters: ['A%'],
    })
  })

  it('recognises unique violations by SQLSTATE', () => {
    expect(postgresDialect.isUniqueViolation({ code: '23505' })).toBe(true)
    expect(postgresDialect.isUniqueViolation({ code: '23503' })).toBe(false)
  })

  it('numbers placeholders for pg', () => {
    const query = sql`SELECT 1 WHERE a = ${1} AND b IN (${'x'}, ${'y'})`
    expect(toPostgresPlaceholders(query.sql)).toBe('SELECT 1 WHERE a = $1 AND b IN ($2, $3)')
  })
})
