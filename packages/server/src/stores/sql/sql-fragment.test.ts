import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { createSqliteDriver } from '../sqlite/sqlite-driver.ts'
import { joinSql, limitClause, raw, sql, valueList } from './sql-fragment.ts'

describe('sql fragments', () => {
  it('bind values as parameters and join fragments in order', () => {
    const query = sql`SELECT * FROM t WHERE ${joinSql([sql`a = ${1}`, sql`b IN ${valueList(['x', 'y'])}`], ' AND ')} ${raw('ORDER BY a')}`
    expect(query).toMatchObject({
      sql: 'SELECT * FROM t WHERE a = ? AND b IN (?, ?) ORDER BY a',
      parameters: [1, 'x', 'y'],
    })
  })

  it('write LIMIT counts into the text (a bound LIMIT re-prepares SQLite statements)', () => {
    expect(sql`SELECT 1 ${limitClause(100)} OFFSET ${200}`).toMatchObject({
      sql: 'SELECT 1 LIMIT 100 OFFSET ?',
      parameters: [200],
    })
    expect(limitClause(0).sql).toBe('LIMIT 0')
    expect(limitClause(2.9).sql).toBe('LIMIT 2')
    expect(limitClause(2 ** 60).sql).toBe(`LIMIT ${Number.MAX_SAFE_INTEGER}`)
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => limitClause(bad)).toThrow(RangeError)
    }
  })

  it('give SQLite a LIMIT it runs as written', async () => {
    const driver = createSqliteDriver({ database: new Database(':memory:') })
    try {
      await driver.execute(raw('CREATE TABLE t (n INTEGER)'))
      await driver.execute(sql`INSERT INTO t VALUES (${1}), (${2}), (${3}), (${4})`)
      const page = await driver.execute(
        sql`SELECT n FROM t ORDER BY n ${limitClause(2)} OFFSET ${1}`,
      )
      expect(page.rows).toEqual([{ n: 2 }, { n: 3 }])
      const all = await driver.execute(sql`SELECT n FROM t ${limitClause(2 ** 60)}`)
      expect(all.rows).toHaveLength(4)
    } finally {
      await driver.close()
    }
  })
})
