/**
 * @module decompress
 * `Content-Encoding: gzip | deflate` bodies, as MLflow 3.17 accepts them (deflate with or
 * without the zlib wrapper), inflated under a size limit so that a small compressed bomb cannot
 * allocate more than the server's request limit.
 */
import { promisify } from 'node:util'
import { gunzip, inflate, inflateRaw } from 'node:zlib'
import { OtlpError } from './otlp-error.ts'

const gunzipAsync = promisify(gunzip)
const inflateAsync = promisify(inflate)
const inflateRawAsync = promisify(inflateRaw)

/** Options of {@link decompressOtlpBody}. */
export interface DecompressOtlpBodyOptions {
  body: Uint8Array
  /** The `Content-Encoding` header, any case. */
  contentEncoding: string
  /** The largest decompressed size accepted, in bytes. */
  maxBytes: number
}

/**
 * The decompressed body.
 *
 * @throws OtlpError 400 for an unsupported encoding ("Unsupported Content-Encoding: br"), a
 *   corrupt payload ("Failed to decompress gzip payload") or one that inflates beyond
 *   `maxBytes`.
 * @example
 * const body = await decompressOtlpBody({ body: gzipped, contentEncoding: 'gzip', maxBytes: 1 << 24 })
 */
export async function decompressOtlpBody(options: DecompressOtlpBodyOptions): Promise<Uint8Array> {
  const { body, maxBytes } = options
  const encoding = options.contentEncoding.toLowerCase()
  const limits = { maxOutputLength: Math.max(1, maxBytes) }
  if (encoding === 'gzip') {
    // Python's gzip.decompress reads an empty body as no members, not as an error.
    if (body.length === 0) return body
    try {
      return await gunzipAsync(body, limits)
    } catch (error) {
      throw failure(error, 'gzip', maxBytes)
    }
  }
  if (encoding === 'deflate') {
    try {
      return await inflateAsync(body, limits)
    } catch (error) {
      if (isTooLarge(error)) throw failure(error, 'deflate', maxBytes)
      // Some clients send a raw DEFLATE stream, without the zlib header.
      try {
        return await inflateRawAsync(body, limits)
      } catch (rawError) {
        throw failure(rawError, 'deflate', maxBytes)
      }
    }
  }
  throw new OtlpError({
    status: 400,
    detail: `Unsupported Content-Encoding: ${options.contentEncoding.toLowerCase()}`,
  })
}

function isTooLarge(error: unknown): boolean {
  return (
    error instanceof RangeError || (error as { code?: unknown })?.code === 'ERR_BUFFER_TOO_LARGE'
  )
}

function failure(error: unknown, encoding: string, maxBytes: number): OtlpError {
  if (isTooLarge(error)) {
    return new OtlpError({
      status: 400,
      detail: `The ${encoding} payload decompresses to more than the server's limit of ${maxBytes} bytes`,
      cause: error,
    })
  }
  return new OtlpError({
    status: 400,
    detail: `Failed to decompress ${encoding} payload`,
    cause: error,
  })
}
