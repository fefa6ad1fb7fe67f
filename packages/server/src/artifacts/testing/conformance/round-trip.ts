/**
 * @module round-trip
 * Conformance: what is put is what is read, for every body kind, binary data, empty files,
 * overwrites, and a 20 MiB stream that must not be buffered whole.
 */
import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import {
  type ArtifactConformanceHarness,
  hashStream,
  pseudoRandomBytes,
  readBytes,
  readText,
  utf8,
} from './artifact-conformance-harness.ts'
import { liveArrayBufferBytes } from './memory-probe.ts'

const MiB = 1024 * 1024

/** Registers the round-trip tests. */
export function describeRoundTrip(harness: ArtifactConformanceHarness): void {
  describe('put and get', () => {
    it('round-trips a text file and reports its size', async () => {
      const store = await harness.open()
      await store.put({
        path: 'notes.txt',
        body: utf8('hello, artifacts'),
        contentType: 'text/plain',
      })
      const content = await store.get({ path: 'notes.txt' })
      expect(content.size).toBe(16)
      expect(new TextDecoder().decode(await readBytes(content.body))).toBe('hello, artifacts')
    })

    it('round-trips every byte value and random binary data', async () => {
      const store = await harness.open()
      const everyByte = Uint8Array.from({ length: 512 }, (_, index) => index % 256)
      const random = pseudoRandomBytes(MiB + 7, 42)
      await store.put({ path: 'bin/every-byte.bin', body: everyByte })
      await store.put({
        path: 'bin/random.bin',
        body: random,
        contentType: 'application/octet-stream',
      })
      expect(await readBytes((await store.get({ path: 'bin/every-byte.bin' })).body)).toEqual(
        everyByte,
      )
      const read = await store.get({ path: 'bin/random.bin' })
      expect(read.size).toBe(random.length)
      expect((await hashStream(read.body)).sha256).toBe(
        createHash('sha256').update(random).digest('hex'),
      )
    })

    it('round-trips an empty file', async () => {
      const store = await harness.open()
      await store.put({ path: 'empty', body: new Uint8Array(0) })
      const content = await store.get({ path: 'empty' })
      expect(content.size).toBe(0)
      expect((await readBytes(content.body)).length).toBe(0)
      expect(await store.list()).toEqual([{ path: 'empty', isDir: false, fileSize: 0 }])
    })

    it('accepts web streams, async iterables and Node readables as bodies', async () => {
      const store = await harness.open()
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(utf8('web '))
          controller.enqueue(utf8('stream'))
          controller.close()
        },
      })
      async function* generate() {
        yield utf8('async ')
        yield utf8('iterable')
      }
      await store.put({ path: 'bodies/web.txt', body: stream })
      await store.put({ path: 'bodies/iterable.txt', body: generate() })
      await store.put({
        path: 'bodies/node.txt',
        body: Readable.from([utf8('node '), utf8('readable')]),
      })
      expect(await readText(store, 'bodies/web.txt')).toBe('web stream')
      expect(await readText(store, 'bodies/iterable.txt')).toBe('async iterable')
      expect(await readText(store, 'bodies/node.txt')).toBe('node readable')
    })

    it('overwrites an existing file', async () => {
      const store = await harness.open()
      await store.put({ path: 'model/MLmodel', body: utf8('first version, longer') })
      await store.put({ path: 'model/MLmodel', body: utf8('second') })
      expect(await readText(store, 'model/MLmodel')).toBe('second')
      expect(await store.list({ path: 'model' })).toEqual([
        { path: 'model/MLmodel', isDir: false, fileSize: 6 },
      ])
    })

    it('normalises paths: `a//./b/` is `a/b`, percent-escapes are decoded', async () => {
      const store = await harness.open()
      await store.put({ path: 'dir//./file.txt', body: utf8('x') })
      expect(await readText(store, 'dir/file.txt')).toBe('x')
      await store.put({ path: 'with%20space.txt', body: utf8('y') })
      expect(await readText(store, 'with space.txt')).toBe('y')
    })

    it('leaves nothing behind when a streamed body fails midway', async () => {
      const store = await harness.open()
      async function* failing() {
        yield utf8('partial')
        throw new Error('client went away')
      }
      await expect(store.put({ path: 'broken.txt', body: failing() })).rejects.toThrow()
      expect(await store.exists({ path: 'broken.txt' })).toBe(false)
      expect(await store.list()).toEqual([])
    })

    it('streams a 20 MiB file in and out without holding it in memory', async () => {
      const store = await harness.open()
      const size = 20 * MiB
      const chunkSize = 64 * 1024
      const written = createHash('sha256')
      const baseline = await liveArrayBufferBytes()
      let peak = 0
      async function* produce() {
        for (let offset = 0; offset < size; offset += chunkSize) {
          if (offset % (2 * MiB) === MiB) {
            peak = Math.max(peak, (await liveArrayBufferBytes()) - baseline)
          }
          const chunk = pseudoRandomBytes(chunkSize, offset + 1)
          written.update(chunk)
          yield chunk
        }
      }
      await store.put({ path: 'large/stream.bin', body: produce() })
      const content = await store.get({ path: 'large/stream.bin' })
      expect(content.size).toBe(size)
      const read = await hashStream(content.body)
      expect(read.size).toBe(size)
      expect(read.sha256).toBe(written.digest('hex'))
      // Read back in many chunks, not as one buffer.
      expect(read.chunks).toBeGreaterThan(1)
      // While it was written, never (nearly) the whole file was held in memory: a store that
      // buffers the body holds ~19 MiB at the last sample; one part in flight is fine.
      expect(peak).toBeLessThan(size * 0.75)
    }, 60_000)
  })
}
