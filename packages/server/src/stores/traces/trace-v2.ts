/**
 * @module trace-v2
 * The legacy v2 trace lifecycle (spec §3.9.5): StartTrace opens an `IN_PROGRESS` trace with a
 * server-generated id, EndTrace sets its end time and status and merges metadata and tags.
 */
import { checkExperimentActive, requireExperimentRow } from '../sql/entity-lookups.ts'
import { toNumber } from '../sql/row-mappers.ts'
import type { SqlExecutor } from '../sql/sql-driver.ts'
import { sql } from '../sql/sql-fragment.ts'
import type { SqlStoreContext } from '../sql/sql-store-context.ts'
import { checkTraceInfoLimits } from './start-trace.ts'
import { isAnalyticsKey, mergeAnalytics } from './trace-analytics.ts'
import { requireTraceInfo, traceNotFound } from './trace-rows.ts'
import type { EndTraceV2Input, StartTraceV2Input, TraceInfoRecord } from './trace-store.ts'
import {
  ARTIFACT_LOCATION_TAG,
  insertTraceRow,
  lockTraceRow,
  readTraceEntry,
  traceArtifactLocation,
  upsertTraceEntries,
} from './trace-writes.ts'

async function writeMetadata(
  executor: SqlExecutor,
  traceId: string,
  metadata: Record<string, string>,
): Promise<void> {
  const entries: [string, string][] = []
  for (const [key, value] of Object.entries(metadata)) {
    if (!isAnalyticsKey(key)) {
      entries.push([key, value])
      continue
    }
    const stored = await readTraceEntry(executor, 'trace_request_metadata', traceId, key)
    const merged = mergeAnalytics({ key, incoming: value, stored })
    if (merged !== undefined) entries.push([key, merged])
  }
  await upsertTraceEntries(executor, 'trace_request_metadata', traceId, entries)
}

/**
 * Starts a v2 trace.
 *
 * @throws StoreError `RESOURCE_DOES_NOT_EXIST` / `INVALID_PARAMETER_VALUE` for the experiment.
 * @example
 * await startTraceV2(context, { experimentId: '1', timestampMs: 1718460461282, requestMetadata: {}, tags: {} })
 */
export async function startTraceV2(
  context: SqlStoreContext,
  input: StartTraceV2Input,
): Promise<TraceInfoRecord> {
  checkTraceInfoLimits({ tags: input.tags, metadata: input.requestMetadata })
  return context.driver.transaction(async (executor) => {
    const experiment = await requireExperimentRow(executor, input.experimentId)
    checkExperimentActive(experiment)
    const traceId = context.generateId()
    await insertTraceRow(executor, {
      traceId,
      experimentId: toNumber(experiment.experiment_id),
      timestampMs: input.timestampMs,
      executionTimeMs: undefined,
      status: 'IN_PROGRESS',
    })
    const location = traceArtifactLocation(String(experiment.artifact_location ?? ''), traceId)
    await upsertTraceEntries(executor, 'trace_tags', traceId, [
      ...Object.entries(input.tags),
      [ARTIFACT_LOCATION_TAG, location],
    ])
    await writeMetadata(executor, traceId, input.requestMetadata)
    return requireTraceInfo(executor, traceId)
  })
}

/**
 * Ends a v2 trace: execution time = `timestampMs` − start.
 *
 * @throws StoreError `RESOURCE_DOES_NOT_EXIST` for an unknown trace.
 * @example
 * await endTraceV2(context, { requestId, timestampMs: 1718460461300, state: 'OK', requestMetadata: {}, tags: {} })
 */
export async function endTraceV2(
  context: SqlStoreContext,
  input: EndTraceV2Input,
): Promise<TraceInfoRecord> {
  checkTraceInfoLimits({ tags: input.tags, metadata: input.requestMetadata })
  return context.driver.transaction(async (executor) => {
    const row = await lockTraceRow(context, executor, input.requestId)
    if (row === undefined) throw traceNotFound(input.requestId)
    const executionTime = input.timestampMs - toNumber(row.timestamp_ms)
    await executor.execute(
      sql`UPDATE trace_info SET execution_time_ms = ${executionTime}, status = ${input.state}
          WHERE request_id = ${input.requestId}`,
    )
    await writeMetadata(executor, input.requestId, input.requestMetadata)
    await upsertTraceEntries(executor, 'trace_tags', input.requestId, Object.entries(input.tags))
    return requireTraceInfo(executor, input.requestId)
  })
}
