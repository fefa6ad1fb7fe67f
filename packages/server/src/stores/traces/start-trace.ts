/**
 * @module start-trace
 * StartTraceV3 (spec §3.9.2, §6.8): upsert of a finished trace's info. A trace whose spans came
 * over OTLP already has a row: its fields are overwritten, its previews kept when the request has
 * none, its other tags (`mlflow.trace.spansLocation`) kept, metadata upserted key by key.
 */
import { insertTraceAssessments } from '../assessments/insert-trace-assessments.ts'
import { checkExperimentActive, requireExperimentRow } from '../sql/entity-lookups.ts'
import { toNumber } from '../sql/row-mappers.ts'
import type { SqlExecutor } from '../sql/sql-driver.ts'
import { sql } from '../sql/sql-fragment.ts'
import type { SqlStoreContext } from '../sql/sql-store-context.ts'
import { StoreError } from '../store-error.ts'
import { validateLength } from '../validation/validate-name.ts'
import { isAnalyticsKey, mergeAnalytics, SESSION_KEY } from './trace-analytics.ts'
import { requireTraceInfo } from './trace-rows.ts'
import type { StartTraceInput, TraceInfoRecord } from './trace-store.ts'
import {
  ARTIFACT_LOCATION_TAG,
  INFO_FINALIZED_KEY,
  insertTraceRow,
  lockTraceRow,
  readTraceEntry,
  setList,
  TRACE_NAME_TAG,
  traceArtifactLocation,
  upsertTraceEntries,
} from './trace-writes.ts'

/** MLflow's limits on the trace name tag and the session id. */
export const MAX_TRACE_NAME_LENGTH = 4096
export const MAX_SESSION_ID_LENGTH = 250

/**
 * Checks the trace name tag and session metadata MLflow keeps as columns.
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE` ("'Trace name' exceeds the maximum length …").
 */
export function checkTraceInfoLimits(options: {
  tags: Record<string, string>
  metadata: Record<string, string>
}): void {
  const name = options.tags[TRACE_NAME_TAG]
  if (name !== undefined) {
    validateLength({ what: 'Trace name', limit: MAX_TRACE_NAME_LENGTH, value: name })
  }
  const session = options.metadata[SESSION_KEY]
  if (session !== undefined) {
    validateLength({ what: 'Session ID', limit: MAX_SESSION_ID_LENGTH, value: session })
  }
}

/**
 * Stores a trace info sent by StartTraceV3 and returns it as stored.
 *
 * @throws StoreError `RESOURCE_DOES_NOT_EXIST` (experiment), `INVALID_PARAMETER_VALUE`.
 * @example
 * const info = await startTrace(context, { traceId: 'tr-…', experimentId: '1', … })
 */
export async function startTrace(
  context: SqlStoreContext,
  input: StartTraceInput,
): Promise<TraceInfoRecord> {
  if (input.traceId === '') {
    throw StoreError.invalidParameter(
      "Missing value for required parameter 'trace.trace_info.trace_id'.",
    )
  }
  checkTraceInfoLimits({ tags: input.tags, metadata: input.traceMetadata })
  return context.driver.transaction(async (executor) => {
    const experiment = await requireExperimentRow(executor, input.experimentId)
    checkExperimentActive(experiment)
    const experimentId = toNumber(experiment.experiment_id)
    const created = await insertTraceRow(executor, {
      traceId: input.traceId,
      experimentId,
      timestampMs: input.requestTime,
      executionTimeMs: input.executionDuration,
      status: input.state,
      clientRequestId: input.clientRequestId,
      requestPreview: input.requestPreview,
      responsePreview: input.responsePreview,
    })
    if (!created) await overwriteTraceRow(context, executor, input, experimentId)
    const location = traceArtifactLocation(
      String(experiment.artifact_location ?? ''),
      input.traceId,
    )
    await upsertTraceEntries(executor, 'trace_tags', input.traceId, [
      ...Object.entries(input.tags),
      [ARTIFACT_LOCATION_TAG, location],
    ])
    await writeMetadata(executor, input, created)
    await insertTraceAssessments({
      executor,
      context,
      traceId: input.traceId,
      assessments: input.assessments,
    })
    return requireTraceInfo(executor, input.traceId)
  })
}

async function overwriteTraceRow(
  context: SqlStoreContext,
  executor: SqlExecutor,
  input: StartTraceInput,
  experimentId: number,
): Promise<void> {
  await lockTraceRow(context, executor, input.traceId)
  const columns: Record<string, string | number | null> = {
    experiment_id: experimentId,
    timestamp_ms: input.requestTime,
    execution_time_ms: input.executionDuration ?? null,
    status: input.state,
    client_request_id: input.clientRequestId ?? null,
  }
  if (input.requestPreview !== undefined) columns.request_preview = input.requestPreview
  if (input.responsePreview !== undefined) columns.response_preview = input.responsePreview
  await executor.execute(
    sql`UPDATE trace_info SET ${setList(columns)} WHERE request_id = ${input.traceId}`,
  )
  await executor.execute(
    sql`UPDATE spans SET experiment_id = ${experimentId}
        WHERE trace_id = ${input.traceId} AND experiment_id <> ${experimentId}`,
  )
}

async function writeMetadata(
  executor: SqlExecutor,
  input: StartTraceInput,
  created: boolean,
): Promise<void> {
  const entries: [string, string][] = []
  const removed: string[] = []
  for (const [key, value] of Object.entries(input.traceMetadata)) {
    if (!isAnalyticsKey(key)) {
      entries.push([key, value])
      continue
    }
    const stored = created
      ? undefined
      : await readTraceEntry(executor, 'trace_request_metadata', input.traceId, key)
    const merged = mergeAnalytics({ key, incoming: value, stored })
    if (merged === undefined) removed.push(key)
    else entries.push([key, merged])
  }
  entries.push([INFO_FINALIZED_KEY, 'true'])
  await upsertTraceEntries(executor, 'trace_request_metadata', input.traceId, entries)
  for (const key of removed) {
    await executor.execute(
      sql`DELETE FROM trace_request_metadata WHERE request_id = ${input.traceId} AND key = ${key}`,
    )
  }
}
