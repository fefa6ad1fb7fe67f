import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ArtifactStore } from '../artifact-store.ts'
import { ArtifactPathError } from '../errors/artifact-path-error.ts'
import { readText, utf8 } from '../testing/conformance/artifact-conformance-harness.ts'
import { createLocalArtifactStore } from './local-artifact-store.ts'
import { MULTIPART_FOLDER } from './local-multipart.ts'

let parent: string
let root: string
let outside: string
let store: ArtifactStore

beforeEach(async () => {
  parent = await mkdtemp(join(tmpdir(), 'dspyflow-containment-'))
  root = join(parent, 'root')
  outside = join(parent, 'outside')
  await mkdir(root)
  await mkdir(outside)
  await writeFile(join(outside, 'secret.txt'), 'secret')
  store = createLocalArtifactStore({ root })
})

afterEach(async () => {
  await rm(parent, { recursive: true, force: true })
})

async function refusedOutside(promise: Promise<unknown>): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )
  expect(ArtifactPathError.isInstance(error)).toBe(true)
  expect(error).toMatchObject({
    code: 'INVALID_PARAMETER_VALUE',
    problem: 'outside-root',
    message: 'Invalid path: resolved path is outside the artifact directory',
  })
}

describe('local store: symlink containment', () => {
  it('refuses to read, list or write through a folder symlink leading out', async () => {
    await symlink(outside, join(root, 'escape'))
    await refusedOutside(store.get({ path: 'escape/secret.txt' }))
    await refusedOutside(store.list({ path: 'escape' }))
    await refusedOutside(store.put({ path: 'escape/planted.txt', body: utf8('x') }))
    await refusedOutside(store.put({ path: 'escape/new/deeper.txt', body: utf8('x') }))
    await refusedOutside(store.exists({ path: 'escape/secret.txt' }))
    await refusedOutside(store.delete({ path: 'escape/secret.txt' }))
    expect(await readdir(outside)).toEqual(['secret.txt'])
  })

  it('refuses to read a file symlink leading out and hides it from listings', async () => {
    await symlink(join(outside, 'secret.txt'), join(root, 'link.txt'))
    await writeFile(join(root, 'plain.txt'), 'plain')
    await refusedOutside(store.get({ path: 'link.txt' }))
    expect(await store.list()).toEqual([{ path: 'plain.txt', isDir: false, fileSize: 5 }])
  })

  it('refuses a dangling symlink that would create files outside', async () => {
    await symlink(join(outside, 'not-yet'), join(root, 'dangling'))
    await refusedOutside(store.put({ path: 'dangling/x.txt', body: utf8('x') }))
    expect(await readdir(outside)).toEqual(['secret.txt'])
  })

  it('refuses to overwrite a file symlink leading out; deletes a symlink as a link', async () => {
    await symlink(join(outside, 'secret.txt'), join(root, 'link.txt'))
    await refusedOutside(store.put({ path: 'link.txt', body: utf8('mine') }))
    expect(await readFile(join(outside, 'secret.txt'), 'utf8')).toBe('secret')
    await store.delete({ path: 'link.txt' })
    await symlink(outside, join(root, 'folder-link'))
    await store.delete({ path: 'folder-link' })
    expect(await readdir(root)).toEqual([])
    expect(await readdir(outside)).toEqual(['secret.txt'])
  })

  it('follows symlinks that stay inside the root', async () => {
    await store.put({ path: 'real/file.txt', body: utf8('inside') })
    await symlink(join(root, 'real'), join(root, 'alias'))
    expect(await readText(store, 'alias/file.txt')).toBe('inside')
    expect(await store.list({ path: 'alias' })).toEqual([
      { path: 'alias/file.txt', isDir: false, fileSize: 6 },
    ])
  })

  it('works when the root itself is reached through a symlink', async () => {
    const linkedRoot = join(parent, 'linked-root')
    await symlink(root, linkedRoot)
    const linked = createLocalArtifactStore({ root: linkedRoot })
    await linked.put({ path: 'a/b.txt', body: utf8('ok') })
    expect(await readText(linked, 'a/b.txt')).toBe('ok')
  })
})

describe('local store: layout', () => {
  it('creates the root on the first write and lists a missing root as empty', async () => {
    const fresh = createLocalArtifactStore({ root: join(parent, 'not', 'yet') })
    expect(await fresh.list()).toEqual([])
    expect(await fresh.exists({ path: 'x' })).toBe(false)
    await fresh.put({ path: 'x', body: utf8('x') })
    expect(await readdir(join(parent, 'not', 'yet'))).toEqual(['x'])
    expect(fresh.rootUri).toBe(`file://${join(parent, 'not', 'yet')}`)
  })

  it('keeps the original file when a write fails midway', async () => {
    await store.put({ path: 'model.bin', body: utf8('original') })
    async function* failing() {
      yield utf8('new content')
      throw new Error('connection reset')
    }
    await expect(store.put({ path: 'model.bin', body: failing() })).rejects.toThrow()
    expect(await readText(store, 'model.bin')).toBe('original')
    expect(await readdir(root)).toEqual(['model.bin'])
  })

  it('reserves names starting with .artifact.uploading. and hides them', async () => {
    await writeFile(join(root, '.artifact.uploading.leftover'), 'temp')
    expect(await store.list()).toEqual([])
    for (const path of [
      '.artifact.uploading.x',
      `${MULTIPART_FOLDER}/upload.json`,
      'a/.artifact.uploading.b',
    ]) {
      const error = await store.get({ path }).catch((caught: unknown) => caught)
      expect(error).toMatchObject({ code: 'INVALID_PARAMETER_VALUE', problem: 'reserved-name' })
    }
  })

  it('keeps multipart parts in the hidden parts folder until completion', async () => {
    const { uploadId } = await store.createMultipartUpload({ path: 'big.bin', numParts: 2 })
    const part = await store.uploadPart({
      path: 'big.bin',
      uploadId,
      partNumber: 1,
      body: utf8('a'),
    })
    // md5('a'), the ETag S3 would answer
    expect(part.etag).toBe('"0cc175b9c0f1b6a831c399e269772661"')
    expect((await readdir(join(root, MULTIPART_FOLDER, uploadId))).sort()).toEqual([
      'part-00001-0cc175b9c0f1b6a831c399e269772661',
      'upload.json',
    ])
    await store.abortMultipartUpload({ path: 'big.bin', uploadId })
    expect(await readdir(join(root, MULTIPART_FOLDER))).toEqual([])
  })

  it('refuses upload ids that are not its own, so they cannot name other folders', async () => {
    for (const uploadId of ['../..', '..', `${'a'.repeat(31)}/`, 'A'.repeat(32)]) {
      const error = await store
        .abortMultipartUpload({ path: 'x.bin', uploadId })
        .catch((caught: unknown) => caught)
      expect(error).toMatchObject({ code: 'RESOURCE_DOES_NOT_EXIST' })
    }
  })

  it('hides stored names a client could not address', async () => {
    await writeFile(join(root, 'a%20b.txt'), 'x')
    await writeFile(join(root, 'back\\slash.txt'), 'x')
    await writeFile(join(root, 'ok.txt'), 'x')
    expect(await store.list()).toEqual([{ path: 'ok.txt', isDir: false, fileSize: 1 }])
  })
})
