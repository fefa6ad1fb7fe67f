/**
 * @module read-body-bytes
 * Reads an OTLP request body as bytes under the server's request size limit, without buffering
 * more than the limit: a `Content-Length` over it is refused before reading, a chunked body as
 * soon as it passes it.
 */
import { OtlpError } from './otlp-error.ts'

/** Options of {@link readBodyBytes}. */
export interface ReadBodyBytesOptions {
  request: Request
  maxBytes: number
}

/**
 * The whole body (empty when there is none).
 *
 * @throws OtlpError 413 when the body is larger than `maxBytes`.
 * @example
 * const body = await readBodyBytes({ request: context.req.raw, maxBytes: 16 << 20 })
 */
export async function readBodyBytes(options: ReadBodyBytesOptions): Promise<Uint8Array> {
  const { request, maxBytes } = options
  const declared = Number(request.headers.get('content-length') ?? Number.NaN)
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes)
  if (request.body === null) return new Uint8Array(0)
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined)
      throw tooLarge(maxBytes)
    }
    chunks.push(value)
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array
  return Buffer.concat(chunks, total)
}

function tooLarge(maxBytes: number): OtlpError {
  return new OtlpError({
    status: 413,
    detail: `Request body is larger than the server's limit of ${maxBytes} bytes`,
  })
}
