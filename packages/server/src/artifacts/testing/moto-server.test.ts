import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { findRepoRoot, startMotoServer } from './moto-server.ts'

let folder: string
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'dspyflow-moto-test-'))
})
afterEach(async () => {
  await rm(folder, { recursive: true, force: true })
})

/** A repository whose venv already has a (fake) moto_server at the pinned requirements. */
async function fakeRepository(motoServerScript: string): Promise<string> {
  const requirements = 'moto[server]==0.0.0\n'
  await mkdir(join(folder, 'conformance', 's3'), { recursive: true })
  await writeFile(join(folder, 'conformance', 's3', 'requirements.txt'), requirements)
  const bin = join(folder, '.venv', 'bin')
  await mkdir(bin, { recursive: true })
  await writeFile(join(bin, 'python'), '#!/bin/sh\nexit 0\n')
  await writeFile(join(bin, 'moto_server'), motoServerScript)
  await chmod(join(bin, 'python'), 0o755)
  await chmod(join(bin, 'moto_server'), 0o755)
  const digest = createHash('sha256').update(requirements).digest('hex')
  await writeFile(join(folder, '.venv', '.s3-requirements.sha256'), `${digest}\n`)
  return folder
}

describe('startMotoServer', () => {
  it('finds the repository root from its own folder', () => {
    expect(existsSync(join(findRepoRoot(), 'conformance', 's3', 'requirements.txt'))).toBe(true)
  })

  it('fails with the server log when moto_server cannot start', async () => {
    const repoRoot = await fakeRepository(
      '#!/bin/sh\necho "ImportError: no module named flask" >&2\nexit 3\n',
    )
    const error = await startMotoServer({ repoRoot, startupTimeoutMs: 5_000 }).catch(
      (caught: unknown) => caught as Error,
    )
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toMatch(
      /moto_server .* could not be started: attempt 3: .* exited with code 3/,
    )
    expect((error as Error).message).toContain('ImportError: no module named flask')
  })

  it('fails clearly when the requirements cannot be installed', async () => {
    const repoRoot = await fakeRepository('#!/bin/sh\nexit 0\n')
    await writeFile(
      join(repoRoot, '.venv', 'bin', 'python'),
      '#!/bin/sh\necho "pip: no network" >&2\nexit 1\n',
    )
    await writeFile(
      join(repoRoot, 'conformance', 's3', 'requirements.txt'),
      'moto[server]==9.9.9\n',
    )
    const error = await startMotoServer({ repoRoot }).catch((caught: unknown) => caught as Error)
    expect((error as Error).message).toMatch(
      /Could not install moto .*\(pip install -r conformance\/s3\/requirements.txt\)/,
    )
    expect((error as Error).message).toContain('pip: no network')
  })
})
