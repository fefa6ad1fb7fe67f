/**
 * @module read-body
 * Reads a request body as text under a byte limit, without buffering more than the limit: a
 * `Content-Length` over it is refused before reading, a chunked body as soon as it passes it.
 * Behind a Node HTTP server the body is read straight from Node's request stream
 * ({@link readIncomingBodyText}); a Fetch `Request` body ({@link readBodyText}) costs a web
 * stream, an abort signal and a `Request` object per request on top.
 */
import type { IncomingMessage } from 'node:http'
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

/** Options of {@link readBodyBytes}. */
export interface ReadBodyBytesOptions {
  request: Request
  maxBytes: number
  /** The error for a body over `maxBytes` (each caller answers in its own format). */
  tooLarge: (maxBytes: number) => Error
}

/**
 * The whole body as bytes (empty when there is none), never buffering more than the limit: a
 * `Content-Length` over it is refused before reading, a chunked body as soon as it passes it.
 *
 * @throws the `tooLarge` error when the body is larger than `maxBytes`.
 * @example
 * const bytes = await readBodyBytes({ request, maxBytes: 1 << 20, tooLarge: requestTooLargeError })
 */
export async function readBodyBytes(options: ReadBodyBytesOptions): Promise<Uint8Array> {
  const { request, maxBytes } = options
  const declared = Number(request.headers.get('content-length') ?? Number.NaN)
  if (Number.isFinite(declared) && declared > maxBytes) throw options.tooLarge(maxBytes)
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
      throw options.tooLarge(maxBytes)
    }
    chunks.push(value)
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array
  return Buffer.concat(chunks, total)
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
  const bytes = await readBodyBytes({ ...options, tooLarge: requestTooLargeError })
  return bytes.byteLength === 0 ? '' : decodeBody(bytes)
}

/** Like Flask: a leading byte-order mark is dropped, bytes that are not UTF-8 are refused. */
function decodeBody(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes)
  } catch (error) {
    throw MlflowError.invalidParameterValue('The request body is not valid UTF-8.', error)
  }
}

/** Options of {@link readIncomingBodyText}. */
export interface ReadIncomingBodyTextOptions {
  /** Node's request stream (`env.incoming` under `@hono/node-server`), not yet read. */
  incoming: IncomingMessage
  maxBytes: number
}

/**
 * {@link readBodyText} for a Node request stream: the same limit, errors and decoding. A body
 * over the limit stops being buffered at once; the server drains what is left.
 *
 * @throws MlflowError 413 when the body is larger than `maxBytes`; `INVALID_PARAMETER_VALUE`
 *   when it is not UTF-8. The stream's own error when the client aborts.
 * @example
 * const text = await readIncomingBodyText({ incoming: context.env.incoming, maxBytes: 1 << 20 })
 */
export function readIncomingBodyText(options: ReadIncomingBodyTextOptions): Promise<string> {
  const { incoming, maxBytes } = options
  const declared = Number(incoming.headers['content-length'] ?? Number.NaN)
  if (Number.isFinite(declared) && declared > maxBytes) {
    return Promise.reject(requestTooLargeError(maxBytes))
  }
  return new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = []
    let total = 0
    const finish = (settle: () => void) => {
      incoming.off('data', onData)
      incoming.off('end', onEnd)
      incoming.off('error', onError)
      incoming.off('close', onClose)
      settle()
    }
    const onData = (chunk: Buffer) => {
      total += chunk.byteLength
      if (total > maxBytes) finish(() => reject(requestTooLargeError(maxBytes)))
      else chunks.push(chunk)
    }
    const onEnd = () =>
      finish(() => {
        try {
          resolve(decodeBody(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total)))
        } catch (error) {
          reject(error)
        }
      })
    const onError = (error: Error) => finish(() => reject(error))
    const onClose = () =>
      finish(() => reject(new Error('The client closed the connection before sending the body')))
    incoming.on('data', onData)
    incoming.on('end', onEnd)
    incoming.on('error', onError)
    incoming.on('close', onClose)
  })
}

/**
 * Node's request stream behind a Hono context, when the app is served by `@hono/node-server`
 * and nothing has read the body yet; `undefined` otherwise (e.g. `app.request()` in tests).
 *
 * @example
 * const incoming = unreadIncoming(context.env)
 */
export function unreadIncoming(env: unknown): IncomingMessage | undefined {
  const incoming = (env as { incoming?: IncomingMessage } | undefined)?.incoming
  if (incoming === undefined || typeof incoming.on !== 'function') return undefined
  if (incoming.readableDidRead || incoming.readableEnded || incoming.destroyed) return undefined
  return incoming
}
