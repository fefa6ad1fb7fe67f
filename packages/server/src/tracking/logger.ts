/**
 * @module logger
 * The tracking server's structured log: one JSON object per line. Records carry an `event`
 * name (`request`, `request-error`, `server-start`, ...) and plain fields; request bodies,
 * query strings and headers are never logged.
 */

/** One log record: an `event` name and its fields. */
export interface LogRecord {
  event: string
  [field: string]: unknown
}

/** Where the server writes its records. Swap it for tests or for another log pipeline. */
export interface TrackingServerLogger {
  info(record: LogRecord): void
  warn(record: LogRecord): void
  error(record: LogRecord): void
}

/** Options of {@link createJsonLogger}. */
export interface CreateJsonLoggerOptions {
  /** Receives each finished line, without the newline (default: stdout, errors to stderr). */
  write?: (line: string, level: 'info' | 'warn' | 'error') => void
  /** Clock for the `time` field (default `Date.now`). */
  now?: () => number
}

/**
 * A logger that prints `{"time":"…","level":"info","event":"request",…}` lines.
 *
 * @example
 * const logger = createJsonLogger()
 * logger.info({ event: 'server-start', url: 'http://127.0.0.1:5000' })
 */
export function createJsonLogger(options: CreateJsonLoggerOptions = {}): TrackingServerLogger {
  const now = options.now ?? Date.now
  const write =
    options.write ??
    ((line: string, level: 'info' | 'warn' | 'error') => {
      const stream = level === 'info' ? process.stdout : process.stderr
      stream.write(`${line}\n`)
    })
  const log = (level: 'info' | 'warn' | 'error', record: LogRecord) => {
    write(JSON.stringify({ time: new Date(now()).toISOString(), level, ...record }), level)
  }
  return {
    info: (record) => log('info', record),
    warn: (record) => log('warn', record),
    error: (record) => log('error', record),
  }
}

/**
 * A logger that drops everything (the default of `createTrackingServer`, so tests stay quiet).
 *
 * @example
 * createTrackingServer({ trackingStore, logger: silentLogger })
 */
export const silentLogger: TrackingServerLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
}
