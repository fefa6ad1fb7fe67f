/**
 * @module read-body
 * Reads a request body as text under a byte limit, without buffering more than the limit: a
 * `Content-Length` over it is refused before reading, a chunked body as soon as it passes it.
 */
import { MlflowError } from '@dspyflow/mlflow/protocol'

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** The default limit of JSON request bodies: 16 MiB (log-batch needs about 1 MB at most). */
export const DEFAULT_MAX_REQUEST_BYTES = 16 * 1024 * 1024

/**
 * The error for a body over the limit: HTTP 413 with MLflow's JSON error body
 * (`INVALID_PARAMETER_VALUE`, so clients do not retry it).
 *
 * @example
 * throw requestTooLargeError(1024)
 */
export function requestTooLargeError(maxBytes: number): MlflowError {
  return new MlflowError({
    errorCode: 'INVALID_PARAMETER_VALUE',
    message: `Request body is larger than the server's limit of ${maxBytes} bytes.`,
    httpStatus: 413,
  })
}

/** Options of {@link readBodyText}. */
export interface ReadBodyTextOptions {
  request: Request
  maxBytes: number
}

/**
 * The body as UTF-8 text (`''` when there is none), without a leading byte-order mark.
 *
 * @throws MlflowError 413 when the body is larger than `maxBytes`; `INVALID_PARAMETER_VALUE`
 *   when it is not UTF-8.
 * @example
 * const text = await readBodyText({ request: context.req.raw, maxBytes: 1 << 20 })
 */
export async function readBodyText(options: ReadBodyTextOptions): Promise<string> {
  const { request, maxBytes } = options
  const declared = Number(request.headers.get('content-length') ?? Number.NaN)
  if (Number.isFinite(declared) && declared > maxBytes) throw requestTooLargeError(maxBytes)
  if (request.body === null) return ''
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined)
      throw requestTooLargeError(maxBytes)
    }
    chunks.push(value)
  }
  try {
    // Like Flask: a leading byte-order mark is dropped, bytes that are not UTF-8 are refused.
    return utf8.decode(Buffer.concat(chunks, total))
  } catch (error) {
    throw MlflowError.invalidParameterValue('The request body is not valid UTF-8.', error)
  }
}
