/**
 * @module deletion
 * Conformance: `delete` removes a file or a whole folder, leaves siblings alone, and is a no-op
 * for what does not exist; reading what is gone (or never was) is a typed not-found error.
 */
import { describe, expect, it } from 'vitest'
import { ArtifactNotFoundError } from '../../errors/artifact-not-found-error.ts'
import {
  type ArtifactConformanceHarness,
  expectArtifactError,
  readText,
  utf8,
} from './artifact-conformance-harness.ts'

/** Registers the deletion and not-found tests. */
export function describeDeletion(harness: ArtifactConformanceHarness): void {
  describe('delete', () => {
    it('deletes one file', async () => {
      const store = await harness.open()
      await store.put({ path: 'dir/a.txt', body: utf8('a') })
      await store.put({ path: 'dir/b.txt', body: utf8('b') })
      await store.delete({ path: 'dir/a.txt' })
      expect(await store.exists({ path: 'dir/a.txt' })).toBe(false)
      expect(await store.list({ path: 'dir' })).toEqual([
        { path: 'dir/b.txt', isDir: false, fileSize: 1 },
      ])
    })

    it('deletes a folder tree', async () => {
      const store = await harness.open()
      await store.put({ path: 'run/artifacts/model/MLmodel', body: utf8('m') })
      await store.put({ path: 'run/artifacts/model/code/x.ts', body: utf8('x') })
      await store.put({ path: 'run/artifacts/notes.txt', body: utf8('n') })
      await store.put({ path: 'keep/notes.txt', body: utf8('k') })
      await store.delete({ path: 'run/artifacts' })
      expect(await store.exists({ path: 'run/artifacts' })).toBe(false)
      expect(await store.list({ path: 'run/artifacts' })).toEqual([])
      expect(await readText(store, 'keep/notes.txt')).toBe('k')
    })

    it('leaves siblings sharing a name prefix alone', async () => {
      const store = await harness.open()
      await store.put({ path: 'model/MLmodel', body: utf8('1') })
      await store.put({ path: 'model-2/MLmodel', body: utf8('2') })
      await store.put({ path: 'models.txt', body: utf8('3') })
      await store.delete({ path: 'model' })
      expect(await store.list()).toEqual([
        { path: 'model-2', isDir: true },
        { path: 'models.txt', isDir: false, fileSize: 1 },
      ])
    })

    it('does nothing for a missing path', async () => {
      const store = await harness.open()
      await store.delete({ path: 'never/was.txt' })
      await store.put({ path: 'x.txt', body: utf8('x') })
      await store.delete({ path: 'never' })
      expect(await store.list()).toEqual([{ path: 'x.txt', isDir: false, fileSize: 1 }])
    })

    it('refuses to delete the root', async () => {
      const store = await harness.open()
      await store.put({ path: 'x.txt', body: utf8('x') })
      await expectArtifactError(
        store.delete({ path: '' }),
        'INVALID_PARAMETER_VALUE',
        'Invalid path',
      )
      await expectArtifactError(store.delete({ path: './' }), 'INVALID_PARAMETER_VALUE')
      expect(await store.exists({ path: 'x.txt' })).toBe(true)
    })
  })

  describe('not found', () => {
    it('get of a missing file is RESOURCE_DOES_NOT_EXIST with MLflow message', async () => {
      const store = await harness.open()
      const error = await expectArtifactError(
        store.get({ path: 'missing/file.txt' }),
        'RESOURCE_DOES_NOT_EXIST',
        "No such artifact: 'missing/file.txt'",
      )
      expect(ArtifactNotFoundError.isInstance(error)).toBe(true)
      expect((error as ArtifactNotFoundError).path).toBe('missing/file.txt')
    })

    it('get of a folder or of a deleted file is not found', async () => {
      const store = await harness.open()
      await store.put({ path: 'dir/file.txt', body: utf8('x') })
      await expectArtifactError(store.get({ path: 'dir' }), 'RESOURCE_DOES_NOT_EXIST')
      await store.delete({ path: 'dir/file.txt' })
      await expectArtifactError(store.get({ path: 'dir/file.txt' }), 'RESOURCE_DOES_NOT_EXIST')
    })
  })
}
