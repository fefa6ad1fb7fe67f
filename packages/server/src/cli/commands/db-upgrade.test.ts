import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { trackingMigrations } from '../../stores/migrations/tracking-migrations.ts'
import { runDbUpgrade } from './db-upgrade.ts'

let folder: string
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'dspyflow-db-'))
})
afterEach(() => rm(folder, { recursive: true, force: true }))

async function upgrade(url: string) {
  const lines: string[] = []
  const errors: string[] = []
  const code = await runDbUpgrade({
    url,
    write: (line) => lines.push(line),
    writeError: (line) => errors.push(line),
  })
  return { code, lines, errors }
}

describe('dspyflow db upgrade', () => {
  it('reports each migration, then nothing to do', async () => {
    const url = `sqlite:///${join(folder, 'mlflow.db')}`
    const first = await upgrade(url)
    expect(first.code).toBe(0)
    expect(first.lines).toEqual([
      ...trackingMigrations.map((migration) => `Success     ${migration.name}`),
      `${url} is up to date (${trackingMigrations.length} migrations applied).`,
    ])
    const second = await upgrade(url)
    expect(second).toEqual({ code: 0, lines: [`${url} is already up to date.`], errors: [] })
  })

  it('fails with exit code 1 on unusable URIs', async () => {
    const bad = await upgrade('mysql://ada:pw@db/x')
    expect(bad.code).toBe(1)
    expect(bad.errors[0]).toContain('ada:***@')
    const missingFolder = await upgrade(`sqlite:///${join(folder, 'no', 'such', 'x.db')}`)
    expect(missingFolder.code).toBe(1)
  })
})
