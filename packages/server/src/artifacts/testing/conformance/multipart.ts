/**
 * @module multipart
 * Conformance: multipart uploads as the `mlflow-artifacts` proxy drives them: create (one
 * credential per part), upload parts in any order, complete in part order, abort; wrong ETags,
 * unknown uploads and bad part lists are typed errors. Parts other than the last are 5 MiB, S3's
 * minimum.
 */
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { ArtifactStore } from '../../artifact-store.ts'
import { ArtifactNotFoundError } from '../../errors/artifact-not-found-error.ts'
import {
  type ArtifactConformanceHarness,
  expectArtifactError,
  hashStream,
  pseudoRandomBytes,
  readText,
  utf8,
} from './artifact-conformance-harness.ts'

const PART_SIZE = 5 * 1024 * 1024
const UNKNOWN_UPLOAD_ID = 'a'.repeat(32)

function sha256(...parts: Uint8Array[]): string {
  const hash = createHash('sha256')
  for (const part of parts) hash.update(part)
  return hash.digest('hex')
}

async function uploadThreeParts(store: ArtifactStore, path: string) {
  const bodies = [
    pseudoRandomBytes(PART_SIZE, 1),
    pseudoRandomBytes(PART_SIZE, 2),
    pseudoRandomBytes(1234, 3),
  ]
  const { uploadId, credentials } = await store.createMultipartUpload({ path, numParts: 3 })
  // Parts arrive in any order, several at once, as bytes, a sized stream and an unsized one.
  const asBody = (index: number) => {
    const bytes = bodies[index]!
    if (index === 0) return { body: bytes }
    const chunks = async function* () {
      for (let offset = 0; offset < bytes.length; offset += 64 * 1024) {
        yield bytes.subarray(offset, offset + 64 * 1024)
      }
    }
    return index === 1
      ? { body: ReadableStream.from(chunks()), size: bytes.length }
      : { body: chunks() }
  }
  const parts = await Promise.all(
    [2, 0, 1].map((index) =>
      store.uploadPart({
        path,
        uploadId,
        partNumber: credentials[index]!.partNumber,
        ...asBody(index),
      }),
    ),
  )
  return { uploadId, credentials, bodies, parts: parts.sort((a, b) => a.partNumber - b.partNumber) }
}

/** Registers the multipart tests. */
export function describeMultipart(harness: ArtifactConformanceHarness): void {
  describe('multipart upload', () => {
    it('uploads 3 parts out of order and joins them in part order', async () => {
      const store = await harness.open()
      const path = 'models/m-1/artifacts/weights.bin'
      const { uploadId, credentials, bodies, parts } = await uploadThreeParts(store, path)
      expect(typeof uploadId).toBe('string')
      expect(uploadId.length).toBeGreaterThan(0)
      expect(credentials.map((credential) => credential.partNumber)).toEqual([1, 2, 3])
      for (const credential of credentials) {
        expect(credential.headers).toEqual(expect.any(Object))
        if (credential.url !== undefined) expect(credential.url).toMatch(/^https?:\/\//)
      }
      expect(parts.map((part) => part.partNumber)).toEqual([1, 2, 3])
      for (const part of parts) expect(part.etag).toMatch(/\S/)
      expect(await store.exists({ path })).toBe(false)
      await store.completeMultipartUpload({ path, uploadId, parts })
      const content = await store.get({ path })
      expect(content.size).toBe(2 * PART_SIZE + 1234)
      expect((await hashStream(content.body)).sha256).toBe(sha256(...bodies))
      expect(await store.list({ path: 'models/m-1/artifacts' })).toEqual([
        { path, isDir: false, fileSize: 2 * PART_SIZE + 1234 },
      ])
    })

    it('completes a single-part upload (the smallest there is)', async () => {
      const store = await harness.open()
      const { uploadId } = await store.createMultipartUpload({ path: 'one.txt', numParts: 1 })
      const part = await store.uploadPart({
        path: 'one.txt',
        uploadId,
        partNumber: 1,
        body: utf8('solo'),
      })
      await store.completeMultipartUpload({ path: 'one.txt', uploadId, parts: [part] })
      expect(await readText(store, 'one.txt')).toBe('solo')
    })

    it('aborts: nothing is written and the upload is gone', async () => {
      const store = await harness.open()
      const path = 'aborted.bin'
      const { uploadId } = await uploadThreeParts(store, path)
      await store.abortMultipartUpload({ path, uploadId })
      expect(await store.exists({ path })).toBe(false)
      expect(await store.list()).toEqual([])
      const error = await expectArtifactError(
        store.abortMultipartUpload({ path, uploadId }),
        'RESOURCE_DOES_NOT_EXIST',
      )
      expect(ArtifactNotFoundError.isInstance(error)).toBe(true)
    })

    it('refuses a part whose ETag does not match', async () => {
      const store = await harness.open()
      const { uploadId } = await store.createMultipartUpload({ path: 'etag.txt', numParts: 1 })
      await store.uploadPart({ path: 'etag.txt', uploadId, partNumber: 1, body: utf8('data') })
      await expectArtifactError(
        store.completeMultipartUpload({
          path: 'etag.txt',
          uploadId,
          parts: [{ partNumber: 1, etag: '"00000000000000000000000000000000"' }],
        }),
        'INVALID_PARAMETER_VALUE',
      )
      await store.abortMultipartUpload({ path: 'etag.txt', uploadId })
    })

    it('refuses a part that was never uploaded', async () => {
      const store = await harness.open()
      const { uploadId } = await store.createMultipartUpload({ path: 'gap.txt', numParts: 2 })
      const first = await store.uploadPart({
        path: 'gap.txt',
        uploadId,
        partNumber: 1,
        body: utf8('a'),
      })
      await expectArtifactError(
        store.completeMultipartUpload({
          path: 'gap.txt',
          uploadId,
          parts: [first, { partNumber: 2, etag: first.etag }],
        }),
        'INVALID_PARAMETER_VALUE',
      )
      await store.abortMultipartUpload({ path: 'gap.txt', uploadId })
    })

    it('does not know an upload id it never issued', async () => {
      const store = await harness.open()
      await expectArtifactError(
        store.abortMultipartUpload({ path: 'x.bin', uploadId: UNKNOWN_UPLOAD_ID }),
        'RESOURCE_DOES_NOT_EXIST',
      )
    })

    harness.it('multipart-unknown-upload')(
      'refuses parts and completion for an upload id it never issued',
      async () => {
        const store = await harness.open()
        const uploadId = UNKNOWN_UPLOAD_ID
        await expectArtifactError(
          store.uploadPart({ path: 'x.bin', uploadId, partNumber: 1, body: utf8('x') }),
          'RESOURCE_DOES_NOT_EXIST',
        )
        await expectArtifactError(
          store.completeMultipartUpload({
            path: 'x.bin',
            uploadId,
            parts: [{ partNumber: 1, etag: '"x"' }],
          }),
          'RESOURCE_DOES_NOT_EXIST',
        )
      },
    )

    harness.it('multipart-upload-bound-to-path')(
      'refuses an upload id used with another path',
      async () => {
        const store = await harness.open()
        const { uploadId } = await store.createMultipartUpload({ path: 'mine.bin', numParts: 1 })
        await expectArtifactError(
          store.uploadPart({ path: 'other.bin', uploadId, partNumber: 1, body: utf8('x') }),
          'RESOURCE_DOES_NOT_EXIST',
        )
        await store.abortMultipartUpload({ path: 'mine.bin', uploadId })
      },
    )

    it('refuses bad part counts, part numbers and part lists', async () => {
      const store = await harness.open()
      for (const numParts of [0, -1, 1.5, 10_001]) {
        await expectArtifactError(
          store.createMultipartUpload({ path: 'bad.bin', numParts }),
          'INVALID_PARAMETER_VALUE',
        )
      }
      const { uploadId } = await store.createMultipartUpload({ path: 'bad.bin', numParts: 2 })
      for (const partNumber of [0, 10_001, 2.5]) {
        await expectArtifactError(
          store.uploadPart({ path: 'bad.bin', uploadId, partNumber, body: utf8('x') }),
          'INVALID_PARAMETER_VALUE',
        )
      }
      const one = await store.uploadPart({
        path: 'bad.bin',
        uploadId,
        partNumber: 1,
        body: utf8('1'),
      })
      const two = await store.uploadPart({
        path: 'bad.bin',
        uploadId,
        partNumber: 2,
        body: utf8('2'),
      })
      for (const parts of [[], [two, one], [one, one]]) {
        await expectArtifactError(
          store.completeMultipartUpload({ path: 'bad.bin', uploadId, parts }),
          'INVALID_PARAMETER_VALUE',
        )
      }
      await store.abortMultipartUpload({ path: 'bad.bin', uploadId })
    })

    it('keeps uploads in progress out of listings', async () => {
      const store = await harness.open()
      const { uploadId } = await store.createMultipartUpload({
        path: 'pending/file.bin',
        numParts: 1,
      })
      await store.uploadPart({ path: 'pending/file.bin', uploadId, partNumber: 1, body: utf8('p') })
      expect(await store.list()).toEqual([])
      await store.abortMultipartUpload({ path: 'pending/file.bin', uploadId })
    })
  })
}
