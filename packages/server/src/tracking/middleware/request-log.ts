/**
 * @module request-log
 * One structured log record per request: method, path (never the query string), status and
 * milliseconds until the response started. Bodies and headers are never logged. Behind a Node
 * HTTP server the record is written once the answer has been handed to the socket, so writing
 * the log line never delays a response.
 */
import type { MiddlewareHandler } from 'hono'
import type { TrackingServerLogger } from '../logger.ts'

/** Options of {@link requestLog}. */
export interface RequestLogOptions {
  logger: TrackingServerLogger
  /** Millisecond clock for durations (default `performance.now`). */
  now?: () => number
}

/**
 * The middleware; logs `{"event":"request","method":"POST","path":"/api/2.0/mlflow/runs/create",
 * "status":200,"ms":1.7}`.
 *
 * @example
 * app.use('*', requestLog({ logger: createJsonLogger() }))
 */
export function requestLog(options: RequestLogOptions): MiddlewareHandler {
  const now = options.now ?? (() => performance.now())
  return async (context, next) => {
    const started = now()
    await next()
    const record = {
      event: 'request',
      method: context.req.method,
      path: context.req.path,
      status: context.res.status,
      ms: Math.round((now() - started) * 10) / 10,
    }
    const served = (context.env as { outgoing?: unknown } | undefined)?.outgoing !== undefined
    if (served) setImmediate(() => options.logger.info(record))
    else options.logger.info(record)
  }
}
