import { describe, expect, it } from 'vitest'
import { raw } from '../sql/sql-fragment.ts'
import { likeToGlob, sqliteDialect } from './sqlite-dialect.ts'

describe('sqliteDialect', () => {
  it('maps LIKE wildcards to GLOB and escapes GLOB metacharacters', () => {
    expect(likeToGlob('lr_%')).toBe('lr?*')
    expect(likeToGlob('a*b?c[d]')).toBe('a[*]b[?]c[[]d]')
  })

  it('has no LIKE escape character: a backslash is literal, as in MLflow', () => {
    expect(likeToGlob('100\\%')).toBe('100\\*')
    expect(likeToGlob('a\\_b')).toBe('a\\?b')
    expect(likeToGlob('trailing\\')).toBe('trailing\\')
  })

  it('compiles LIKE as GLOB and ILIKE as a lower-cased LIKE', () => {
    const column = raw('kv.value')
    expect(sqliteDialect.like(column, 'a%')).toMatchObject({
      sql: 'kv.value GLOB ?',
      parameters: ['a*'],
    })
    expect(sqliteDialect.ilike(column, 'A%')).toMatchObject({
      sql: 'LOWER(kv.value) LIKE LOWER(?)',
      parameters: ['A%'],
    })
  })

  it('recognises unique and primary-key violations', () => {
    expect(sqliteDialect.isUniqueViolation({ code: 'SQLITE_CONSTRAINT_UNIQUE' })).toBe(true)
    expect(sqliteDialect.isUniqueViolation({ code: 'SQLITE_CONSTRAINT_PRIMARYKEY' })).toBe(true)
    expect(sqliteDialect.isUniqueViolation({ code: 'SQLITE_BUSY' })).toBe(false)
  })
})
