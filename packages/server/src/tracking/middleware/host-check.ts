/**
 * @module host-check
 * DNS-rebinding defence (MLflow 3.5+, CVE-2025-14279): requests whose `Host` header is not on
 * the allow-list get `403 text/plain` "Invalid Host header - possible DNS rebinding attack
 * detected". `/health` and `/version` are exempt. Patterns are Python `fnmatch` patterns; `*`
 * alone turns the check off.
 */
import type { MiddlewareHandler } from 'hono'
import { fnmatch } from './fnmatch.ts'

/** MLflow's answer to a rejected `Host`. */
export const INVALID_HOST_MESSAGE = 'Invalid Host header - possible DNS rebinding attack detected'

const localhostNames = ['localhost', '127.0.0.1', '[::1]', '0.0.0.0']

/** The private-network patterns MLflow allows by default (RFC 1918 and RFC 4193). */
const privateNetworkPatterns = [
  '192.168.*',
  '10.*',
  ...Array.from({ length: 16 }, (_, index) => `172.${16 + index}.*`),
  'fc00:*',
  'fd00:*',
]

/**
 * MLflow 3's default allow-list (localhost names with any port, private networks), plus the
 * host the server is bound to when that is a specific name or address.
 *
 * @example
 * defaultAllowedHosts({ boundHost: 'tracking.internal' })
 * // ['localhost', '127.0.0.1', '[::1]', '0.0.0.0', 'localhost:*', …, 'tracking.internal', 'tracking.internal:*']
 */
export function defaultAllowedHosts(options: { boundHost?: string } = {}): string[] {
  const withPorts = localhostNames.map((name) => `${name.replace('[', '[[]')}:*`)
  const hosts = [...localhostNames, ...withPorts, ...privateNetworkPatterns]
  const bound = options.boundHost?.trim()
  if (bound && bound !== '::' && !localhostNames.includes(bound)) {
    const name = bound.includes(':') && !bound.startsWith('[') ? `[${bound}]` : bound
    hosts.push(name, `${name.replace('[', '[[]')}:*`)
  }
  return hosts
}

/**
 * Whether a `Host` header value is allowed by the patterns (entries without `*` must match the
 * whole value, port included).
 *
 * @example
 * isAllowedHost('localhost:5000', defaultAllowedHosts()) // true
 * isAllowedHost('evil.example', defaultAllowedHosts()) // false
 */
export function isAllowedHost(host: string, allowedHosts: readonly string[]): boolean {
  if (host === '') return false
  if (allowedHosts.includes('*')) return true
  const lower = host.toLowerCase()
  return allowedHosts.some((pattern) =>
    pattern.includes('*') ? fnmatch(lower, pattern) : lower === pattern.toLowerCase(),
  )
}

/** Options of {@link hostCheck}. */
export interface HostCheckOptions {
  allowedHosts: readonly string[]
  /** Paths answered whatever the `Host` (`/health`, `/version`, with the static prefix). */
  exemptPaths: readonly string[]
}

/**
 * The middleware.
 *
 * @example
 * app.use('*', hostCheck({ allowedHosts: defaultAllowedHosts(), exemptPaths: ['/health', '/version'] }))
 */
export function hostCheck(options: HostCheckOptions): MiddlewareHandler {
  const disabled = options.allowedHosts.includes('*')
  return async (context, next) => {
    if (disabled || options.exemptPaths.includes(context.req.path)) return next()
    const host = context.req.header('host') ?? new URL(context.req.url).host
    if (isAllowedHost(host, options.allowedHosts)) return next()
    return new Response(INVALID_HOST_MESSAGE, {
      status: 403,
      headers: { 'content-type': 'text/plain' },
    })
  }
}
