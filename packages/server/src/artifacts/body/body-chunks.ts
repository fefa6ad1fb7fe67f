/**
 * @module body-chunks
 * Turns any {@link ArtifactBody} into one async iterable of byte chunks, so stores write every
 * body the same way.
 */
import type { ArtifactBody } from '../artifact-store.ts'
import { ArtifactStoreError } from '../errors/artifact-store-error.ts'

function toBytes(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk
  if (typeof chunk === 'string') return new TextEncoder().encode(chunk)
  if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk)
  if (ArrayBuffer.isView(chunk)) {
    return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)
  }
  throw new ArtifactStoreError({
    code: 'INVALID_PARAMETER_VALUE',
    message: `Artifact bodies are made of bytes, got a chunk of type ${typeof chunk}`,
  })
}

async function* readStream(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader()
  let done = false
  try {
    while (true) {
      const next = await reader.read()
      if (next.done) {
        done = true
        return
      }
      yield toBytes(next.value)
    }
  } finally {
    if (!done) await reader.cancel().catch(() => undefined)
    reader.releaseLock()
  }
}

async function* readIterable(iterable: AsyncIterable<unknown>): AsyncGenerator<Uint8Array> {
  for await (const chunk of iterable) yield toBytes(chunk)
}

/**
 * The chunks of a body, read lazily: a `Uint8Array` is one chunk; a web stream or an async
 * iterable (a Node `Readable` too) is read chunk by chunk. Stopping early cancels the stream.
 *
 * @example
 * for await (const chunk of bodyChunks(new Uint8Array([1, 2, 3]))) console.log(chunk.length) // 3
 */
export function bodyChunks(body: ArtifactBody): AsyncIterable<Uint8Array> {
  if (body instanceof Uint8Array) {
    return (async function* single() {
      yield body
    })()
  }
  if (typeof body === 'object' && body !== null) {
    if (typeof (body as ReadableStream<Uint8Array>).getReader === 'function') {
      return readStream(body as ReadableStream<Uint8Array>)
    }
    if (typeof (body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator] === 'function') {
      return readIterable(body as AsyncIterable<Uint8Array>)
    }
  }
  throw new ArtifactStoreError({
    code: 'INVALID_PARAMETER_VALUE',
    message:
      'An artifact body must be a Uint8Array, a ReadableStream or an async iterable of bytes',
  })
}
