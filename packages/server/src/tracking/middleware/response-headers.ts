/**
 * @module response-headers
 * Adds headers to the response a handler already produced, in place. Hono's `context.header()`
 * on a finished response copies it first (`new Response(res.body, res)`), which turns a string
 * body into a stream: on Node every answer then goes out through a `ReadableStream` reader
 * instead of one socket write. Setting the headers on the response's own `Headers` keeps the
 * body as it was.
 */
import type { Context } from 'hono'

/**
 * Sets (or, with `append`, appends) a header on the context's response, falling back to
 * `context.header()` when that response's headers are immutable (e.g. `Response.redirect`).
 *
 * @example
 * await next()
 * setResponseHeader({ context, name: 'x-content-type-options', value: 'nosniff' })
 */
export function setResponseHeader(options: {
  context: Context
  name: string
  value: string
  append?: boolean
}): void {
  const { context, name, value } = options
  const append = options.append === true
  try {
    const headers = context.res.headers
    if (append) headers.append(name, value)
    else headers.set(name, value)
  } catch (error) {
    if (!(error instanceof TypeError)) throw error
    context.header(name, value, { append })
  }
}
