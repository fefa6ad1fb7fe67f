/**
 * @module raw-path-guard
 * Looks at the request target as it arrived on the wire. Node's URL parser resolves dot
 * segments (`/a/../b`, `%2E%2E`, `\`) before routing, so `GET /api/2.0/mlflow-artifacts/
 * artifacts/1/../../etc/passwd` would reach a different route instead of being refused. MLflow
 * routes the raw path and answers `400 INVALID_PARAMETER_VALUE "Invalid path"`; so does this
 * guard for artifact routes. Other paths with dot segments get the HTML 404.
 */
import { MlflowError } from '@dspyflow/mlflow/protocol'
import type { MiddlewareHandler } from 'hono'
import { mlflowErrorResponse } from './error-response.ts'
import { notFoundHandler } from './not-found.ts'

const dotSegments = new Set(['.', '..', '%2e', '%2e%2e', '.%2e', '%2e.'])

/**
 * Whether a raw request target holds segments a URL parser would resolve away.
 *
 * @example
 * hasDotSegments('/api/2.0/mlflow-artifacts/artifacts/1/%2E%2E/x') // true
 * hasDotSegments('/api/2.0/mlflow-artifacts/artifacts/1/%252E%252E/x') // false (reaches the route)
 */
export function hasDotSegments(rawTarget: string): boolean {
  const end = rawTarget.search(/[?#]/)
  const path = end === -1 ? rawTarget : rawTarget.slice(0, end)
  return path.split(/[/\\]/).some((segment) => dotSegments.has(segment.toLowerCase()))
}

/**
 * The middleware. It reads the raw target from `@hono/node-server`'s `incoming` binding and does
 * nothing when there is none (in-process `app.request()` without bindings).
 *
 * @example
 * app.use('*', rawPathGuard())
 */
export function rawPathGuard(): MiddlewareHandler {
  return async (context, next) => {
    const env = context.env as { incoming?: { url?: string } } | undefined
    const rawTarget = env?.incoming?.url
    if (rawTarget === undefined || !hasDotSegments(rawTarget)) return next()
    if (rawTarget.includes('/mlflow-artifacts/')) {
      return mlflowErrorResponse(MlflowError.invalidParameterValue('Invalid path'))
    }
    return notFoundHandler(context)
  }
}
