import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import type { SqlDriver } from '../sql/sql-driver.ts'
import { raw, sql, withWideIntegers } from '../sql/sql-fragment.ts'
import { createSqliteDriver } from './sqlite-driver.ts'
import { rawRowBuilder } from './sqlite-rows.ts'

const drivers: SqlDriver[] = []
afterEach(async () => {
  await Promise.all(drivers.splice(0).map((driver) => driver.close()))
})

function open(): { database: Database.Database; driver: SqlDriver } {
  const database = new Database(':memory:')
  const driver = createSqliteDriver({ database })
  drivers.push(driver)
  return { database, driver }
}

describe('SQLite driver rows', () => {
  it('builds the same row objects better-sqlite3 would, whatever the column names', async () => {
    const { database, driver } = open()
    const text = `SELECT 1 AS plain, 'x' AS "with space", 2.5 AS "quote""d", NULL AS "é", 3 AS dup, 4 AS dup, x'00ff' AS bytes`
    const expected = database.prepare(text).all()
    expect((await driver.execute(raw(text))).rows).toEqual(expected)
    expect(expected).toEqual([
      {
        plain: 1,
        'with space': 'x',
        'quote"d': 2.5,
        é: null,
        dup: 4,
        bytes: Buffer.from([0, 255]),
      },
    ])
  })

  it('keeps object rows where a compiled row literal would misbehave', async () => {
    const { database, driver } = open()
    database.exec('CREATE TABLE t (a INTEGER, b TEXT)')
    await driver.execute(sql`INSERT INTO t (a, b) VALUES (${1}, ${'one'})`)
    // A `__proto__` column stays in better-sqlite3's object mode, which never sets a prototype.
    const text = 'SELECT a AS __proto__, b FROM t'
    const proto = (await driver.execute(raw(text))).rows[0]
    expect(proto).toEqual(database.prepare(text).get())
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype)
    expect(rawRowBuilder(database.prepare('SELECT * FROM t'), 'SELECT * FROM t')).toBeUndefined()
    const star = raw('SELECT * FROM t')
    expect((await driver.execute(star)).rows).toEqual([{ a: 1, b: 'one' }])
    database.exec('ALTER TABLE t ADD COLUMN c TEXT')
    expect((await driver.execute(star)).rows).toEqual([{ a: 1, b: 'one', c: null }])
  })

  it('reads wide integers exactly and safe ones as numbers, with parameters as one array', async () => {
    const { database, driver } = open()
    database.exec('CREATE TABLE m (step INTEGER, value REAL)')
    const big = 2n ** 60n
    await driver.execute(sql`INSERT INTO m (step, value) VALUES (${big}, ${0.5}), (${7}, ${1.5})`)
    const wide = await driver.execute(
      withWideIntegers(sql`SELECT step, value FROM m WHERE value > ${0} ORDER BY value`),
    )
    expect(wide.rows).toEqual([
      { step: big, value: 0.5 },
      { step: 7, value: 1.5 },
    ])
    const empty = await driver.execute(sql`SELECT step FROM m WHERE value > ${10}`)
    expect(empty.rows).toEqual([])
  })
})
