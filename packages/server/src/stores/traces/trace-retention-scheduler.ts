/**
 * @module trace-retention-scheduler
 * Applies the server's trace retention (`--traces-retention-days`, `--traces-max-count`) once at
 * start and then periodically, on an unref'd timer that never keeps the process alive; runs never
 * overlap, and `stop()` waits for a run in progress.
 */
import type { TraceRetentionOptions, TraceStore } from './trace-store.ts'

/** Options of {@link startTraceRetention}. */
export interface StartTraceRetentionOptions {
  traceStore: Pick<TraceStore, 'applyRetention'>
  retention: TraceRetentionOptions
  /** Time between runs (default one hour). */
  intervalMs?: number
  /** Called after each run with the number of traces deleted, or with the error. */
  onRun?: (result: { deleted: number } | { error: unknown }) => void
}

/** A running retention schedule. */
export interface TraceRetentionSchedule {
  /** Resolves after the first run. */
  readonly firstRun: Promise<void>
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>
}

/**
 * Starts the schedule; with neither an age nor a count it does nothing.
 *
 * @example
 * const retention = startTraceRetention({ traceStore, retention: { maxAgeMillis: 30 * 86_400_000 } })
 * await retention.stop()
 */
export function startTraceRetention(options: StartTraceRetentionOptions): TraceRetentionSchedule {
  const { retention } = options
  if (retention.maxAgeMillis === undefined && retention.maxCountPerExperiment === undefined) {
    return { firstRun: Promise.resolve(), stop: async () => undefined }
  }
  let running: Promise<void> | undefined
  let stopped = false
  const run = (): Promise<void> => {
    if (running !== undefined || stopped) return running ?? Promise.resolve()
    running = options.traceStore
      .applyRetention(retention)
      .then(
        (deleted) => options.onRun?.({ deleted }),
        (error: unknown) => options.onRun?.({ error }),
      )
      .finally(() => {
        running = undefined
      })
    return running
  }
  const timer = setInterval(() => void run(), options.intervalMs ?? 3_600_000)
  timer.unref()
  const firstRun = run()
  return {
    firstRun,
    async stop() {
      stopped = true
      clearInterval(timer)
      await running
    },
  }
}
