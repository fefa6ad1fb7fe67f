/**
 * @module artifact-conformance-harness
 * What each artifact-store conformance sub-suite gets: fresh stores closed after each test, and
 * helpers to make bodies, read streams and check typed errors.
 */
import { createHash } from 'node:crypto'
import { afterEach, expect, it } from 'vitest'
import type { ArtifactStore } from '../../artifact-store.ts'
import {
  ArtifactStoreError,
  type ArtifactStoreErrorCode,
} from '../../errors/artifact-store-error.ts'

/** Creates a fresh, empty store. */
export type CreateConformanceArtifactStore = () => Promise<ArtifactStore>

/**
 * Tests an implementation may skip, each for a documented reason (a test double that is laxer
 * than the real backend, say):
 * - `multipart-unknown-upload`: `uploadPart` / `completeMultipartUpload` with an upload id the
 *   store never issued answer `RESOURCE_DOES_NOT_EXIST`.
 * - `multipart-upload-bound-to-path`: an upload id used with another path is unknown.
 */
export type ArtifactConformanceSkip = 'multipart-unknown-upload' | 'multipart-upload-bound-to-path'

/** Shared by the sub-suites. */
export interface ArtifactConformanceHarness {
  /** A fresh, empty store, closed after the current test. */
  open(): Promise<ArtifactStore>
  /** `it`, or `it.skip` when the implementation skips this test. */
  it(skip: ArtifactConformanceSkip): typeof it
}

/**
 * Builds the harness; stores opened in a test are closed after it.
 *
 * @example
 * const harness = createArtifactConformanceHarness(createStore)
 * const store = await harness.open()
 */
export function createArtifactConformanceHarness(
  createStore: CreateConformanceArtifactStore,
  skips: readonly ArtifactConformanceSkip[] = [],
): ArtifactConformanceHarness {
  const opened: ArtifactStore[] = []
  afterEach(async () => {
    const stores = opened.splice(0)
    await Promise.all(stores.map((store) => store.close()))
  })
  return {
    async open() {
      const store = await createStore()
      opened.push(store)
      return store
    },
    it(skip) {
      return (skips.includes(skip) ? it.skip : it) as typeof it
    },
  }
}

/** UTF-8 bytes of a string. */
export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text)
}

/** Reads a whole stream into one array (small files only). */
export async function readBytes(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = []
  let size = 0
  const reader = stream.getReader()
  while (true) {
    const next = await reader.read()
    if (next.done) break
    chunks.push(next.value)
    size += next.value.length
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.length
  }
  return bytes
}

/** The text of a file in the store. */
export async function readText(store: ArtifactStore, path: string): Promise<string> {
  const { body } = await store.get({ path })
  return new TextDecoder().decode(await readBytes(body))
}

/** SHA-256 of a stream, read chunk by chunk; also counts bytes and chunks. */
export async function hashStream(
  stream: ReadableStream<Uint8Array>,
): Promise<{ sha256: string; size: number; chunks: number }> {
  const hash = createHash('sha256')
  let size = 0
  let chunks = 0
  const reader = stream.getReader()
  while (true) {
    const next = await reader.read()
    if (next.done) break
    hash.update(next.value)
    size += next.value.length
    chunks += 1
  }
  return { sha256: hash.digest('hex'), size, chunks }
}

/** Deterministic pseudo-random bytes (xorshift32), the same for the same seed. */
export function pseudoRandomBytes(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length)
  let state = seed >>> 0 || 1
  for (let index = 0; index < length; index += 1) {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    state >>>= 0
    bytes[index] = state & 0xff
  }
  return bytes
}

/** Awaits a promise that must fail with an {@link ArtifactStoreError} of the given code. */
export async function expectArtifactError(
  promise: Promise<unknown>,
  code: ArtifactStoreErrorCode,
  message?: string | RegExp,
): Promise<ArtifactStoreError> {
  let caught: unknown
  try {
    await promise
  } catch (error) {
    caught = error
  }
  expect(caught, 'expected the call to fail').toBeDefined()
  if (!ArtifactStoreError.isInstance(caught)) throw caught
  expect(caught.code).toBe(code)
  if (typeof message === 'string') expect(caught.message).toBe(message)
  else if (message) expect(caught.message).toMatch(message)
  return caught
}
