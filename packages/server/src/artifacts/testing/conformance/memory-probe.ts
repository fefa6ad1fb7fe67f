/**
 * @module memory-probe
 * Measures the bytes held in live ArrayBuffers (file chunks, parts) after a full garbage
 * collection, so a test can tell a store that streams from one that buffers a whole body.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

type CollectGarbage = () => void

let collect: CollectGarbage | undefined

function collector(): CollectGarbage {
  if (!collect) {
    // Exposes `gc` to contexts created from now on, without restarting node with --expose-gc.
    setFlagsFromString('--expose-gc')
    collect = runInNewContext('gc') as CollectGarbage
  }
  return collect
}

/**
 * Bytes in live ArrayBuffers, measured after three forced full collections a few milliseconds
 * apart: buffers handed to sockets are released by native handles only after the event loop has
 * run its timers and I/O callbacks, so back-to-back collections would still count them. (`gc()`
 * without options is the forced full collection; `gc({ type: 'major' })` keeps young objects.)
 *
 * @example
 * const before = await liveArrayBufferBytes()
 * // ... work ...
 * const held = (await liveArrayBufferBytes()) - before
 */
export async function liveArrayBufferBytes(): Promise<number> {
  const gc = collector()
  for (let round = 0; round < 3; round += 1) {
    gc()
    await sleep(10)
  }
  return process.memoryUsage().arrayBuffers
}
