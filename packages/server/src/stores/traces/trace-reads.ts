/**
 * @module trace-reads
 * Reading traces: infos by id (alone or in bulk, in request order) and traces with the spans
 * the tracking store keeps. A store-backed trace is complete once it has as many spans as its
 * `mlflow.trace.sizeStats` metadata announces.
 */
import { parseExperimentId } from '../search/experiment-filter.ts'
import type { SqlExecutor } from '../sql/sql-driver.ts'
import { sql, valueList, withWideIntegers } from '../sql/sql-fragment.ts'
import type { SqlStoreContext } from '../sql/sql-store-context.ts'
import { StoreError } from '../store-error.ts'
import { chunks, findTraceRows, ID_CHUNK_SIZE, loadTraceInfos } from './trace-rows.ts'
import type { StoredTrace, TraceInfoRecord } from './trace-store.ts'
import { SIZE_STATS_KEY, SPANS_LOCATION_TAG } from './trace-writes.ts'

/**
 * The infos of the known traces among `traceIds`, in request order.
 *
 * @example
 * await batchGetTraceInfos(context.driver, { traceIds: ['tr-a', 'tr-b'] })
 */
export async function batchGetTraceInfos(
  executor: SqlExecutor,
  options: { traceIds: readonly string[]; experimentIds?: readonly string[] },
): Promise<TraceInfoRecord[]> {
  const experimentIds = options.experimentIds?.map(parseExperimentId)
  const rows = await findTraceRows(executor, options.traceIds, experimentIds)
  const order = new Map(options.traceIds.map((id, index) => [id, index] as const))
  rows.sort(
    (a, b) => (order.get(String(a.request_id)) ?? 0) - (order.get(String(b.request_id)) ?? 0),
  )
  return loadTraceInfos(executor, rows)
}

/** Whether the trace's spans live in the tracking store. */
export function isStoreBacked(info: TraceInfoRecord): boolean {
  return info.tags[SPANS_LOCATION_TAG] === 'TRACKING_STORE'
}

/** How many spans the client said the trace has (0 when it did not say). */
function expectedSpanCount(info: TraceInfoRecord): number {
  const stats = info.traceMetadata[SIZE_STATS_KEY]
  if (stats === undefined) return 0
  try {
    const count = (JSON.parse(stats) as { num_spans?: unknown }).num_spans
    return typeof count === 'number' ? count : 0
  } catch {
    return 0
  }
}

/**
 * The stored span dicts of traces, each list root span first, then by start time.
 *
 * @example
 * const spans = await loadSpanDicts(executor, ['tr-a'])
 */
export async function loadSpanDicts(
  executor: SqlExecutor,
  traceIds: readonly string[],
): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>()
  for (const chunk of chunks(traceIds, ID_CHUNK_SIZE)) {
    const rows = await executor.execute(
      withWideIntegers(
        sql`SELECT trace_id, content FROM spans WHERE trace_id IN ${valueList(chunk)}
            ORDER BY trace_id, CASE WHEN parent_span_id IS NULL THEN 0 ELSE 1 END,
              start_time_unix_nano, span_id`,
      ),
    )
    for (const row of rows.rows) {
      const id = String(row.trace_id)
      const list = result.get(id) ?? []
      list.push(String(row.content))
      result.set(id, list)
    }
  }
  return result
}

/**
 * Store-backed traces with their spans; incomplete ones are left out unless `allowPartial`.
 *
 * @example
 * const traces = await readStoredTraces(executor, infos, false)
 */
export async function readStoredTraces(
  executor: SqlExecutor,
  infos: readonly TraceInfoRecord[],
  allowPartial: boolean,
): Promise<StoredTrace[]> {
  const backed = infos.filter(isStoreBacked)
  const spans = await loadSpanDicts(
    executor,
    backed.map((info) => info.traceId),
  )
  return backed.flatMap((info) => {
    const spanDicts = spans.get(info.traceId) ?? []
    const complete = spanDicts.length > 0 && spanDicts.length >= expectedSpanCount(info)
    return allowPartial || complete ? [{ info, spanDicts }] : []
  })
}

/**
 * A trace with its stored spans; waits (`retryDelaysMs`) for spans still on their way unless
 * `allowPartial`.
 *
 * @throws StoreError `RESOURCE_DOES_NOT_EXIST` when the trace is unknown, its spans are not in
 *   the tracking store, or they did not all arrive in time.
 * @example
 * const trace = await getTrace(context, { traceId: 'tr-…', allowPartial: true }, [1000, 2000])
 */
export async function getTrace(
  context: SqlStoreContext,
  options: { traceId: string; allowPartial?: boolean },
  retryDelaysMs: readonly number[],
): Promise<StoredTrace> {
  const { traceId } = options
  const allowPartial = options.allowPartial === true
  for (let attempt = 0; ; attempt++) {
    const [info] = await batchGetTraceInfos(context.driver, { traceIds: [traceId] })
    if (info === undefined) {
      throw new StoreError({
        code: 'RESOURCE_DOES_NOT_EXIST',
        message: `Trace with ID ${traceId} is not found.`,
      })
    }
    if (!isStoreBacked(info)) {
      throw new StoreError({
        code: 'RESOURCE_DOES_NOT_EXIST',
        message: `Trace data of ${traceId} is not stored in the tracking store.`,
      })
    }
    const [trace] = await readStoredTraces(context.driver, [info], allowPartial)
    if (trace !== undefined) return trace
    const delay = retryDelaysMs[attempt]
    if (delay === undefined) {
      throw new StoreError({
        code: 'RESOURCE_DOES_NOT_EXIST',
        message: `Trace with ID ${traceId} is not fully exported yet, please try again later.`,
      })
    }
    await new Promise((resolve) => setTimeout(resolve, delay))
  }
}
