/**
 * @module security-headers
 * Headers MLflow puts on every response: `X-Content-Type-Options: nosniff`, and
 * `X-Frame-Options` (default `SAMEORIGIN`; `NONE` leaves it out) against clickjacking.
 */
import type { MiddlewareHandler } from 'hono'

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
    context.header('x-content-type-options', 'nosniff')
    if (frameOptions !== 'NONE' && frameOptions !== '') {
      context.header('x-frame-options', frameOptions)
    }
  }
}
