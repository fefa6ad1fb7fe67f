/**
 * @module security-headers
 * Headers MLflow puts on every response: `X-Content-Type-Options: nosniff`, and
 * `X-Frame-Options` (default `SAMEORIGIN`; `NONE` leaves it out) against clickjacking.
 */
import type { MiddlewareHandler } from 'hono'
import { setResponseHeader } from './response-headers.ts'

/** Options of {@link securityHeaders}. */
export interface SecurityHeadersOptions {
  /** `SAMEORIGIN` (default), `DENY`, or `NONE` to send no `X-Frame-Options`. */
  xFrameOptions?: string
}

/**
 * The middleware.
 *
 * @example
 * app.use('*', securityHeaders({ xFrameOptions: 'DENY' }))
 */
export function securityHeaders(options: SecurityHeadersOptions = {}): MiddlewareHandler {
  const frameOptions = (options.xFrameOptions ?? 'SAMEORIGIN').toUpperCase()
  return async (context, next) => {
    await next()
    setResponseHeader({ context, name: 'x-content-type-options', value: 'nosniff' })
    if (frameOptions !== 'NONE' && frameOptions !== '') {
      setResponseHeader({ context, name: 'x-frame-options', value: frameOptions })
    }
  }
}
