/**
 * @module start-tracking-server
 * Serves a tracking app over HTTP (Node, `@hono/node-server`) and stops it gracefully: stop
 * accepting connections, let requests in flight finish (up to a timeout), then release the
 * stores.
 */
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createAdaptorServer } from '@hono/node-server'
import type { Hono } from 'hono'
import { silentLogger, type TrackingServerLogger } from './logger.ts'

/** Options of {@link startTrackingServer}. */
export interface StartTrackingServerOptions {
  app: Hono
  /** Interface to listen on (MLflow's default `127.0.0.1`). */
  host?: string
  /** Port (MLflow's default 5000; 0 picks a free one). */
  port?: number
  /** Runs after the last request finished, e.g. closing the stores. */
  onClose?: () => Promise<void>
  /** How long in-flight requests may take after `close()` before they are cut (default 10 s). */
  shutdownTimeoutMs?: number
  logger?: TrackingServerLogger
}

/** A listening server. */
export interface RunningTrackingServer {
  /** e.g. `http://127.0.0.1:5000`. */
  readonly url: string
  readonly port: number
  /** Stops accepting, waits for requests in flight, then runs `onClose`. Idempotent. */
  close(): Promise<void>
}

/**
 * Starts listening.
 *
 * @example
 * const server = await startTrackingServer({ app, port: 5000, onClose: () => trackingStore.close() })
 * process.once('SIGTERM', () => server.close())
 */
export async function startTrackingServer(
  options: StartTrackingServerOptions,
): Promise<RunningTrackingServer> {
  const host = options.host ?? '127.0.0.1'
  const logger = options.logger ?? silentLogger
  const server = createAdaptorServer({ fetch: options.app.fetch }) as Server
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 5000, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  server.on('error', (error) => logger.error({ event: 'server-error', message: error.message }))
  const { port } = server.address() as AddressInfo
  const urlHost = host.includes(':') ? `[${host}]` : host
  let closing: Promise<void> | undefined
  return {
    url: `http://${urlHost}:${port}`,
    port,
    close() {
      closing ??= shutDown(server, options, logger)
      return closing
    },
  }
}

async function shutDown(
  server: Server,
  options: StartTrackingServerOptions,
  logger: TrackingServerLogger,
): Promise<void> {
  logger.info({ event: 'server-stopping' })
  const closed = new Promise<void>((resolve) => server.close(() => resolve()))
  // Keep-alive connections hold `close` open: drop them as soon as their request is answered.
  server.closeIdleConnections()
  const sweeper = setInterval(() => server.closeIdleConnections(), 50)
  const timeout = options.shutdownTimeoutMs ?? 10_000
  let timer: NodeJS.Timeout | undefined
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeout)
  })
  if ((await Promise.race([closed, timedOut])) === 'timeout') {
    logger.warn({ event: 'server-shutdown-timeout', timeoutMs: timeout })
    server.closeAllConnections()
    await closed
  }
  clearTimeout(timer)
  clearInterval(sweeper)
  await options.onClose?.()
  logger.info({ event: 'server-stopped' })
}
