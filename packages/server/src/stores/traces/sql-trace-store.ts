/**
 * @module sql-trace-store
 * The {@link TraceStore} over the tracking database (SQLite or PostgreSQL).
 */
import type { SqlStoreContext } from '../sql/sql-store-context.ts'
import { StoreError } from '../store-error.ts'
import { logSpans } from './log-spans.ts'
import { searchTraces, searchTracesJson } from './search/trace-search.ts'
import { startTrace } from './start-trace.ts'
import { applyTraceRetention, deleteTraces } from './trace-delete.ts'
import { batchGetTraceInfos, getTrace, readStoredTraces } from './trace-reads.ts'
import { requireTraceInfo } from './trace-rows.ts'
import type { TraceStore } from './trace-store.ts'
import { deleteTraceTag, linkTracesToRun, setTraceTag } from './trace-tags.ts'
import { endTraceV2, startTraceV2 } from './trace-v2.ts'

/** Options of {@link createSqlTraceStore}. */
export interface SqlTraceStoreOptions {
  /**
   * How long `getTrace` waits, attempt after attempt, for spans still on their way before it
   * gives up (default 1 s then 2 s, as MLflow).
   */
  partialTraceRetryDelaysMs?: readonly number[]
}

/**
 * The trace store on an open, migrated tracking database.
 *
 * @example
 * const traceStore = createSqlTraceStore(context)
 */
export function createSqlTraceStore(
  context: SqlStoreContext,
  options: SqlTraceStoreOptions = {},
): TraceStore {
  const { driver, dialect } = context
  const retryDelays = options.partialTraceRetryDelaysMs ?? [1000, 2000]
  return {
    logSpans: (request) => logSpans(context, request),
    startTrace: ({ traceInfo }) => startTrace(context, traceInfo),
    getTraceInfo: ({ traceId }) => requireTraceInfo(driver, traceId),
    batchGetTraceInfos: (request) => batchGetTraceInfos(driver, request),
    getTrace: (request) => getTrace(context, request, retryDelays),
    async batchGetTraces(request) {
      const infos = await batchGetTraceInfos(driver, request)
      return readStoredTraces(driver, infos, false)
    },
    searchTraces: (request) => regexpSupported(searchTraces(driver, dialect, request)),
    searchTracesJson: (request) => regexpSupported(searchTracesJson(driver, dialect, request)),
    deleteTraces: (request) => deleteTraces(context, request),
    setTraceTag: (request) => setTraceTag(context, request),
    deleteTraceTag: (request) => deleteTraceTag(context, request),
    linkTracesToRun: (request) => linkTracesToRun(context, request),
    startTraceV2: (request) => startTraceV2(context, request),
    endTraceV2: (request) => endTraceV2(context, request),
    applyRetention: (request) => applyTraceRetention(context, request),
  }
}

/** A SQLite connection without a `regexp` function cannot run `RLIKE`: a client error. */
async function regexpSupported<T>(work: Promise<T>): Promise<T> {
  try {
    return await work
  } catch (error) {
    if (error instanceof Error && /no such function: REGEXP/i.test(error.message)) {
      throw StoreError.invalidParameter(
        'RLIKE is not supported by this SQLite database (no regexp function registered).',
        error,
      )
    }
    if (error instanceof Error && /invalid regular expression/i.test(error.message)) {
      throw StoreError.invalidParameter(`Invalid regular expression: ${error.message}`, error)
    }
    throw error
  }
}
