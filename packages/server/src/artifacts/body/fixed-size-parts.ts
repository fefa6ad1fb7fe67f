/**
 * @module fixed-size-parts
 * Regroups a stream of chunks into parts of one size (the last one shorter), holding at most one
 * part in memory: how a stream of unknown length becomes S3 multipart parts.
 */

/**
 * Yields parts of exactly `partSize` bytes (the last may be shorter, and is absent for an empty
 * input unless `yieldEmpty`), reading the source lazily.
 *
 * @example
 * for await (const part of fixedSizeParts({ chunks, partSize: 8 * 1024 * 1024 })) upload(part)
 */
export async function* fixedSizeParts(options: {
  chunks: AsyncIterable<Uint8Array>
  partSize: number
  /** Yield one empty part for an empty input; default false. */
  yieldEmpty?: boolean
}): AsyncGenerator<Uint8Array> {
  const { partSize } = options
  let part = new Uint8Array(partSize)
  let filled = 0
  let yielded = false
  for await (const chunk of options.chunks) {
    let offset = 0
    while (offset < chunk.length) {
      const take = Math.min(partSize - filled, chunk.length - offset)
      part.set(chunk.subarray(offset, offset + take), filled)
      filled += take
      offset += take
      if (filled === partSize) {
        yielded = true
        yield part
        part = new Uint8Array(partSize)
        filled = 0
      }
    }
  }
  if (filled > 0 || (!yielded && options.yieldEmpty === true)) yield part.slice(0, filled)
}
