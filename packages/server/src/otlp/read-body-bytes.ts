/**
 * @module read-body-bytes
 * Reads an OTLP request body as bytes under the server's request size limit (the tracking
 * server's body reader, answering in the OTLP route's error format).
 */
import { readBodyBytes as readLimitedBody } from '../tracking/middleware/read-body.ts'
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
export function readBodyBytes(options: ReadBodyBytesOptions): Promise<Uint8Array> {
  return readLimitedBody({ ...options, tooLarge })
}

function tooLarge(maxBytes: number): OtlpError {
  return new OtlpError({
    status: 413,
    detail: `Request body is larger than the server's limit of ${maxBytes} bytes`,
  })
}
