/**
 * @module path-safety
 * Conformance: every store operation refuses the traversal forms of the MLflow CVEs (§10.3-10.4
 * of the API spec) with `INVALID_PARAMETER_VALUE` "Invalid path", before touching storage.
 */
import { describe, expect, it } from 'vitest'
import type { ArtifactStore } from '../../artifact-store.ts'
import { ArtifactPathError } from '../../errors/artifact-path-error.ts'
import {
  type ArtifactConformanceHarness,
  expectArtifactError,
  utf8,
} from './artifact-conformance-harness.ts'

/** One of each family of the CVE table's traversal forms. */
export const TRAVERSAL_PATHS: readonly string[] = [
  '../escape.txt',
  'a/../../escape.txt',
  '%2e%2e/escape.txt',
  '..%2fescape.txt',
  '..;/escape.txt',
  '%252e%252e%252fescape.txt',
  '.%2e/escape.txt',
  '..\\escape.txt',
  '..%5cescape.txt',
  '/etc/passwd',
  '%2fetc%2fpasswd',
  '//host/share/file',
  'C:\\Windows\\win.ini',
  'C:/Windows/win.ini',
  'file:///etc/passwd',
  'a\u0000b.txt',
  'a%00b.txt',
  '~/.ssh/id_rsa',
  'a#/../../escape.txt',
  '%c0%ae%c0%ae/escape.txt',
]

const operations: Record<string, (store: ArtifactStore, path: string) => Promise<unknown>> = {
  put: (store, path) => store.put({ path, body: utf8('x') }),
  get: (store, path) => store.get({ path }),
  list: (store, path) => store.list({ path }),
  delete: (store, path) => store.delete({ path }),
  exists: (store, path) => store.exists({ path }),
  createMultipartUpload: (store, path) => store.createMultipartUpload({ path, numParts: 1 }),
  uploadPart: (store, path) =>
    store.uploadPart({ path, uploadId: 'x', partNumber: 1, body: utf8('x') }),
  completeMultipartUpload: (store, path) =>
    store.completeMultipartUpload({ path, uploadId: 'x', parts: [{ partNumber: 1, etag: '"x"' }] }),
  abortMultipartUpload: (store, path) => store.abortMultipartUpload({ path, uploadId: 'x' }),
}

/** Registers the path-safety tests. */
export function describePathSafety(harness: ArtifactConformanceHarness): void {
  describe('path safety', () => {
    it.each(Object.keys(operations))('%s refuses every traversal form', async (name) => {
      const store = await harness.open()
      const operation = operations[name]!
      for (const path of TRAVERSAL_PATHS) {
        const error = await expectArtifactError(
          operation(store, path),
          'INVALID_PARAMETER_VALUE',
          'Invalid path',
        )
        expect(ArtifactPathError.isInstance(error), path).toBe(true)
      }
      expect(await store.list()).toEqual([])
    })

    it('file operations refuse the root', async () => {
      const store = await harness.open()
      for (const path of ['', '.', '/', './']) {
        await expectArtifactError(store.put({ path, body: utf8('x') }), 'INVALID_PARAMETER_VALUE')
        await expectArtifactError(store.get({ path }), 'INVALID_PARAMETER_VALUE')
      }
    })
  })
}
