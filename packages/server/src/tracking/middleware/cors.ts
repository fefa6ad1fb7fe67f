/**
 * @module cors
 * MLflow 3's cross-origin rules (§10.1 of the API spec). Browsers on localhost origins
 * (`http://localhost[:port]`, `http://127.0.0.1[:port]`, `http://[::1][:port]`) and on
 * `--cors-allowed-origins` get CORS headers and preflight answers (`204` on API paths); a
 * state-changing request (POST, PUT, PATCH, DELETE) to an API path from any other origin is
 * refused with `403 text/plain` "Cross-origin request blocked". Requests without `Origin` (every
 * non-browser client) pass. `*` allows every origin, without credentials.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { fnmatch } from './fnmatch.ts'
import { setResponseHeader } from './response-headers.ts'

/** MLflow's answer to a blocked cross-origin write. */
export const CORS_BLOCKED_MESSAGE = 'Cross-origin request blocked'

const stateChangingMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
const localhostOriginPattern = /^http:\/\/(?:localhost|127\.0\.0\.1|\[::1\])(?::\d+)?$/
const localhostHostnames = new Set(['localhost', '127.0.0.1', '[::1]', '::1'])
const allowedMethods = 'GET, POST, PUT, DELETE, OPTIONS, PATCH'

/** Options of {@link cors}. */
export interface CorsOptions {
  /** Extra allowed origins (exact, or `fnmatch` patterns with `*`); `['*']` allows all. */
  allowedOrigins: readonly string[]
  /** Path prefixes of the API (`/api/`, `/ajax-api/`, with the static prefix). */
  apiPrefixes: readonly string[]
}

/**
 * Whether an origin is a browser page served from this machine (any scheme, any port).
 *
 * @example
 * isLocalhostOrigin('http://localhost:3000') // true
 */
export function isLocalhostOrigin(origin: string): boolean {
  try {
    return localhostHostnames.has(new URL(origin).hostname)
  } catch {
    return false
  }
}

function isListed(origin: string, allowedOrigins: readonly string[]): boolean {
  return allowedOrigins.some((allowed) =>
    allowed.includes('*') ? fnmatch(origin, allowed) : origin === allowed,
  )
}

/**
 * The middleware.
 *
 * @example
 * app.use('*', cors({ allowedOrigins: ['https://app.example.com'], apiPrefixes: ['/api/', '/ajax-api/'] }))
 */
export function cors(options: CorsOptions): MiddlewareHandler {
  const allowAll = options.allowedOrigins.includes('*')
  const isApi = (path: string) => options.apiPrefixes.some((prefix) => path.startsWith(prefix))
  const mayRead = (origin: string) =>
    allowAll || localhostOriginPattern.test(origin) || isListed(origin, options.allowedOrigins)
  const mayWrite = (origin: string) =>
    allowAll || isLocalhostOrigin(origin) || isListed(origin, options.allowedOrigins)

  return async (context, next) => {
    const origin = context.req.header('origin')
    if (origin === undefined || origin === '') return next()
    const method = context.req.method
    const requestedMethod = context.req.header('access-control-request-method')
    if (method === 'OPTIONS' && requestedMethod !== undefined) {
      if (!mayRead(origin)) {
        return new Response('Disallowed CORS origin', {
          status: 400,
          headers: { 'content-type': 'text/plain' },
        })
      }
      const headers = allowHeaders(origin, allowAll)
      headers.set('access-control-allow-methods', allowedMethods)
      headers.set('access-control-max-age', '600')
      const requested = context.req.header('access-control-request-headers')
      if (requested) headers.set('access-control-allow-headers', requested)
      return new Response(null, { status: isApi(context.req.path) ? 204 : 200, headers })
    }
    if (isApi(context.req.path) && stateChangingMethods.has(method) && !mayWrite(origin)) {
      return new Response(CORS_BLOCKED_MESSAGE, {
        status: 403,
        headers: { 'content-type': 'text/plain' },
      })
    }
    await next()
    if (mayRead(origin)) setHeaders(context, allowHeaders(origin, allowAll))
  }
}

function allowHeaders(origin: string, allowAll: boolean): Headers {
  const headers = new Headers({ 'access-control-expose-headers': '*', vary: 'Origin' })
  if (allowAll) headers.set('access-control-allow-origin', '*')
  else {
    headers.set('access-control-allow-origin', origin)
    headers.set('access-control-allow-credentials', 'true')
  }
  return headers
}

function setHeaders(context: Context, headers: Headers): void {
  headers.forEach((value, name) => {
    setResponseHeader({ context, name, value, append: name === 'vary' })
  })
}
