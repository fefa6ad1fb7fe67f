/**
 * @module unicode-names
 * Conformance: file and folder names in any script, with spaces and URL-special characters,
 * round-trip and list under the same name.
 */
import { describe, expect, it } from 'vitest'
import { type ArtifactConformanceHarness, readText, utf8 } from './artifact-conformance-harness.ts'

const NAMES = [
  'résumé.txt',
  '数据集/训练.json',
  'emoji 🚀/launch 🎉.txt',
  'Ελληνικά/αρχείο.md',
  'עברית.txt',
  'with space & plus+sign.txt',
  "quote's (1) [copy].txt",
  'percent 100%.txt',
  'ǅ decomposed e\u0301.txt',
]

/** Registers the unicode-name tests. */
export function describeUnicodeNames(harness: ArtifactConformanceHarness): void {
  describe('unicode names', () => {
    it.each(NAMES)('round-trips %j', async (name) => {
      const store = await harness.open()
      const path = `unicode/${name}`
      await store.put({ path, body: utf8(`content of ${name}`) })
      expect(await readText(store, path)).toBe(`content of ${name}`)
      expect(await store.exists({ path })).toBe(true)
      const folder = path.slice(0, path.lastIndexOf('/'))
      const listing = await store.list({ path: folder })
      expect(listing).toEqual([{ path, isDir: false, fileSize: utf8(`content of ${name}`).length }])
      await store.delete({ path })
      expect(await store.exists({ path })).toBe(false)
    })

    it('lists unicode folders at the root, sorted by code point', async () => {
      const store = await harness.open()
      for (const name of NAMES) await store.put({ path: name, body: utf8(name) })
      const listed = (await store.list()).map((info) => info.path)
      const expected = [...new Set(NAMES.map((name) => name.split('/')[0]!))]
      expect([...listed].sort()).toEqual([...expected].sort())
      expect(listed).toEqual(
        [...expected].sort((a, b) => {
          const left = Array.from(a)
          const right = Array.from(b)
          for (let index = 0; index < Math.min(left.length, right.length); index += 1) {
            const difference = left[index]!.codePointAt(0)! - right[index]!.codePointAt(0)!
            if (difference !== 0) return difference
          }
          return left.length - right.length
        }),
      )
    })
  })
}
