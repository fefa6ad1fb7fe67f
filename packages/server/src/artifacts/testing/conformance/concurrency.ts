/**
 * @module concurrency
 * Conformance: many writes in flight at once (as a server sees them) are all kept, and racing
 * writes to one path leave one whole version, never a mix or a partial file.
 */
import { describe, expect, it } from 'vitest'
import {
  type ArtifactConformanceHarness,
  pseudoRandomBytes,
  readBytes,
  readText,
  utf8,
} from './artifact-conformance-harness.ts'

/** Registers the concurrency tests. */
export function describeConcurrency(harness: ArtifactConformanceHarness): void {
  describe('concurrent calls', () => {
    it('keeps every file of 40 concurrent puts', async () => {
      const store = await harness.open()
      const paths = Array.from({ length: 40 }, (_, index) => `batch/${index % 4}/file-${index}.txt`)
      await Promise.all(paths.map((path) => store.put({ path, body: utf8(path) })))
      const texts = await Promise.all(paths.map((path) => readText(store, path)))
      expect(texts).toEqual(paths)
      expect((await store.list({ path: 'batch/0' })).length).toBe(10)
    })

    it('leaves one whole version when puts race on one path', async () => {
      const store = await harness.open()
      const versions = Array.from({ length: 8 }, (_, index) =>
        pseudoRandomBytes(256 * 1024, index + 1),
      )
      await Promise.all(versions.map((body) => store.put({ path: 'race.bin', body })))
      const read = await readBytes((await store.get({ path: 'race.bin' })).body)
      expect(versions.some((version) => Buffer.compare(version, read) === 0)).toBe(true)
    })

    it('reads see the old or the new file while it is rewritten', async () => {
      const store = await harness.open()
      const old = pseudoRandomBytes(512 * 1024, 1)
      const next = pseudoRandomBytes(512 * 1024, 2)
      await store.put({ path: 'swap.bin', body: old })
      const reads = Array.from({ length: 6 }, () =>
        store.get({ path: 'swap.bin' }).then((content) => readBytes(content.body)),
      )
      const [, ...results] = await Promise.all([
        store.put({ path: 'swap.bin', body: next }),
        ...reads,
      ])
      for (const result of results) {
        expect(Buffer.compare(result, old) === 0 || Buffer.compare(result, next) === 0).toBe(true)
      }
    })
  })
}
