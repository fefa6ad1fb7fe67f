/**
 * @module listing
 * Conformance: `list` answers like MLflow's `list_artifacts`: one level, paths relative to the
 * root (including the listed folder), sorted, folders without a size.
 */
import { describe, expect, it } from 'vitest'
import type { ArtifactStore } from '../../artifact-store.ts'
import { type ArtifactConformanceHarness, utf8 } from './artifact-conformance-harness.ts'

/** A run's artifacts as `mlflow.dspy` logs them. */
async function logRunArtifacts(store: ArtifactStore): Promise<void> {
  const files: Array<[string, string]> = [
    ['1/abc/artifacts/model/MLmodel', 'flavors: {}\n'],
    ['1/abc/artifacts/model/model.json', '{"predict": {}}'],
    ['1/abc/artifacts/model/code/program.ts', 'export {}'],
    ['1/abc/artifacts/best_program.json', '{}'],
    ['1/abc/artifacts/trials/0/score.txt', '0.5'],
    ['1/abd/artifacts/other.txt', 'sibling run'],
  ]
  for (const [path, text] of files) await store.put({ path, body: utf8(text) })
}

/** Registers the listing tests. */
export function describeListing(harness: ArtifactConformanceHarness): void {
  describe('list', () => {
    it('lists an empty store as []', async () => {
      const store = await harness.open()
      expect(await store.list()).toEqual([])
      expect(await store.list({ path: '' })).toEqual([])
    })

    it('lists the root one level deep', async () => {
      const store = await harness.open()
      await logRunArtifacts(store)
      await store.put({ path: 'top.txt', body: utf8('top') })
      expect(await store.list()).toEqual([
        { path: '1', isDir: true },
        { path: 'top.txt', isDir: false, fileSize: 3 },
      ])
    })

    it('lists a folder with paths relative to the root, sorted, folders without size', async () => {
      const store = await harness.open()
      await logRunArtifacts(store)
      expect(await store.list({ path: '1/abc/artifacts' })).toEqual([
        { path: '1/abc/artifacts/best_program.json', isDir: false, fileSize: 2 },
        { path: '1/abc/artifacts/model', isDir: true },
        { path: '1/abc/artifacts/trials', isDir: true },
      ])
      expect(await store.list({ path: '1/abc/artifacts/model' })).toEqual([
        { path: '1/abc/artifacts/model/MLmodel', isDir: false, fileSize: 12 },
        { path: '1/abc/artifacts/model/code', isDir: true },
        { path: '1/abc/artifacts/model/model.json', isDir: false, fileSize: 15 },
      ])
      expect(await store.list({ path: '1' })).toEqual([
        { path: '1/abc', isDir: true },
        { path: '1/abd', isDir: true },
      ])
    })

    it('accepts a trailing slash and repeated slashes in the folder path', async () => {
      const store = await harness.open()
      await logRunArtifacts(store)
      const expected = await store.list({ path: '1/abc/artifacts/trials' })
      expect(expected).toEqual([{ path: '1/abc/artifacts/trials/0', isDir: true }])
      expect(await store.list({ path: '1/abc/artifacts/trials/' })).toEqual(expected)
      expect(await store.list({ path: '1//abc/./artifacts/trials' })).toEqual(expected)
    })

    it('lists a missing folder and a file as []', async () => {
      const store = await harness.open()
      await logRunArtifacts(store)
      expect(await store.list({ path: 'nope' })).toEqual([])
      expect(await store.list({ path: '1/abc/artifacts/best_program.json' })).toEqual([])
    })

    it('does not mix up siblings sharing a name prefix', async () => {
      const store = await harness.open()
      await store.put({ path: 'run/a.txt', body: utf8('a') })
      await store.put({ path: 'run-2/b.txt', body: utf8('b') })
      await store.put({ path: 'runner.txt', body: utf8('c') })
      expect(await store.list({ path: 'run' })).toEqual([
        { path: 'run/a.txt', isDir: false, fileSize: 1 },
      ])
      expect(await store.list()).toEqual([
        { path: 'run', isDir: true },
        { path: 'run-2', isDir: true },
        { path: 'runner.txt', isDir: false, fileSize: 1 },
      ])
    })

    it('sorts by code point like MLflow', async () => {
      const store = await harness.open()
      for (const name of ['b', 'B', 'a.txt', 'a', '_x', '10', '9', 'Ω']) {
        await store.put({ path: `sorted/${name}`, body: utf8(name) })
      }
      const paths = (await store.list({ path: 'sorted' })).map((info) => info.path)
      expect(paths).toEqual(
        ['10', '9', 'B', '_x', 'a', 'a.txt', 'b', 'Ω'].map((n) => `sorted/${n}`),
      )
    })
  })

  describe('exists', () => {
    it('finds files and folders, not missing paths', async () => {
      const store = await harness.open()
      await logRunArtifacts(store)
      expect(await store.exists({ path: '' })).toBe(true)
      expect(await store.exists({ path: '1/abc/artifacts/model/MLmodel' })).toBe(true)
      expect(await store.exists({ path: '1/abc/artifacts/model' })).toBe(true)
      expect(await store.exists({ path: '1/abc/artifacts/model/' })).toBe(true)
      expect(await store.exists({ path: '1/abc/artifacts/mod' })).toBe(false)
      expect(await store.exists({ path: 'missing/file.txt' })).toBe(false)
    })
  })
}
