/**
 * @module log-spans
 * Spans that arrived over OTLP (spec §3.9.4 "Storage effect", §6.8): each trace's info is created
 * on its first span, spans are upserted by (trace, span id), the time range widens, the root span
 * sets state and previews, token usage is summed into `mlflow.trace.tokenUsage`, and the trace is
 * tagged `mlflow.trace.spansLocation = TRACKING_STORE`. Once StartTraceV3 has finalized the info,
 * span batches no longer change its times or its client-given token usage. One transaction per
 * batch; trace rows are locked in id order, so concurrent batches and StartTraceV3 calls are safe
 * on PostgreSQL as on SQLite.
 */
import { requireExperimentRow } from '../sql/entity-lookups.ts'
import { toNumber } from '../sql/row-mappers.ts'
import type { SqlExecutor } from '../sql/sql-driver.ts'
import { joinSql, type SqlFragment, sql } from '../sql/sql-fragment.ts'
import type { SqlStoreContext } from '../sql/sql-store-context.ts'
import { type TraceAggregate, aggregateSpans, unwrapJsonString } from './span-aggregates.ts'
import { spanDictJson } from './spans/span-dict.ts'
import { pythonJsonText } from './spans/python-json.ts'
import type { SpanRecord } from './span-record.ts'
import { mergeAnalytics, SESSION_KEY, TOKEN_USAGE_KEY } from './trace-analytics.ts'
import { truncatedPreview } from './trace-preview.ts'
import { chunks } from './trace-rows.ts'
import type { LogSpansOptions } from './trace-store.ts'
import {
  ARTIFACT_LOCATION_TAG,
  INFO_FINALIZED_KEY,
  insertMissingTraceEntries,
  insertTraceRow,
  lockTraceRow,
  readTraceEntry,
  SPANS_LOCATION_TAG,
  traceArtifactLocation,
  upsertTraceEntries,
} from './trace-writes.ts'
import { aggregateTokenUsage, type UsageNode } from './token-usage.ts'

/** Span names and types are kept to this many characters in their (indexed) columns. */
export const MAX_SPAN_COLUMN_LENGTH = 500

const statusColumn = {
  STATUS_CODE_OK: 'OK',
  STATUS_CODE_ERROR: 'ERROR',
  STATUS_CODE_UNSET: 'UNSET',
} as const

/**
 * Stores a batch of spans; see the module doc.
 *
 * @throws StoreError `RESOURCE_DOES_NOT_EXIST` when a new trace's experiment does not exist.
 * @example
 * await logSpans(context, { experimentId: '1', spans })
 */
export async function logSpans(context: SqlStoreContext, options: LogSpansOptions): Promise<void> {
  if (options.spans.length === 0) return
  const aggregates = aggregateSpans(options.spans)
  await context.driver.transaction(async (executor) => {
    let experiment: Record<string, unknown> | undefined
    const experimentRow = async () => {
      experiment ??= await requireExperimentRow(executor, options.experimentId)
      return experiment
    }
    for (const trace of aggregates) await logTraceSpans(context, executor, experimentRow, trace)
  })
}

/** The spans a batch carries for one trace, one per span id (the last one wins, as stored). */
function uniqueSpans(spans: readonly SpanRecord[]): SpanRecord[] {
  return [...new Map(spans.map((span) => [span.spanId, span])).values()]
}

async function logTraceSpans(
  context: SqlStoreContext,
  executor: SqlExecutor,
  experimentRow: () => Promise<Record<string, unknown>>,
  trace: TraceAggregate,
): Promise<void> {
  const { traceId } = trace
  const row = await lockTraceRow(context, executor, traceId)
  if (row === undefined) {
    const experiment = await experimentRow()
    const created = await createTrace(executor, experiment, trace)
    if (created) return
    // Created meanwhile by another writer (PostgreSQL): update it as an existing trace.
    const existing = await lockTraceRow(context, executor, traceId)
    if (existing !== undefined) await updateTrace(executor, existing, trace)
    return
  }
  await updateTrace(executor, row, trace)
}

/**
 * A trace whose first spans are in this batch, in one pass: its row written with the batch's
 * times, state and previews; its spans; its token usage summed over them (there are no others);
 * its metadata and tags. False when another writer created the row first.
 */
async function createTrace(
  executor: SqlExecutor,
  experiment: Record<string, unknown>,
  trace: TraceAggregate,
): Promise<boolean> {
  const { traceId, root } = trace
  const inputs = root?.attributes['mlflow.spanInputs']
  const outputs = root?.attributes['mlflow.spanOutputs']
  const experimentId = toNumber(experiment.experiment_id)
  const created = await insertTraceRow(executor, {
    traceId,
    experimentId,
    timestampMs: trace.minStartMs,
    executionTimeMs: trace.maxEndMs === undefined ? undefined : trace.maxEndMs - trace.minStartMs,
    status: trace.rootState ?? 'IN_PROGRESS',
    ...(inputs ? { requestPreview: truncatedPreview({ text: inputs, role: 'user' }) } : {}),
    ...(outputs ? { responsePreview: truncatedPreview({ text: outputs, role: 'assistant' }) } : {}),
  })
  if (!created) return false
  const spans = uniqueSpans(trace.spans)
  await upsertSpans(executor, experimentId, spans)
  if (trace.hasTokenUsage) {
    const nodes = spans.map((span) => ({
      spanId: span.spanId,
      parentSpanId: span.parentSpanId,
      usage: span.attributes['mlflow.chat.tokenUsage'] || undefined,
    }))
    await writeTokenUsage(executor, traceId, nodes, undefined)
  }
  await insertMissingTraceEntries(
    executor,
    'trace_request_metadata',
    traceId,
    sessionMetadata(trace),
  )
  const location = String(experiment.artifact_location ?? '')
  await upsertTraceEntries(executor, 'trace_tags', traceId, [
    [ARTIFACT_LOCATION_TAG, traceArtifactLocation(location, traceId)],
    [SPANS_LOCATION_TAG, 'TRACKING_STORE'],
    ...trace.tags,
  ])
  return true
}

/** More spans of a trace that has a row (from earlier batches or StartTraceV3). */
async function updateTrace(
  executor: SqlExecutor,
  row: Record<string, unknown>,
  trace: TraceAggregate,
): Promise<void> {
  const { traceId } = trace
  await upsertSpans(executor, toNumber(row.experiment_id), uniqueSpans(trace.spans))
  const finalized =
    (await readTraceEntry(executor, 'trace_request_metadata', traceId, INFO_FINALIZED_KEY)) !==
    undefined
  if (!finalized) await widenTimeRange(executor, trace)
  await updateFromRootSpan(executor, trace, row)
  await updateTokenUsage(executor, trace, finalized)
  await insertMissingTraceEntries(
    executor,
    'trace_request_metadata',
    traceId,
    sessionMetadata(trace),
  )
  await upsertTraceEntries(executor, 'trace_tags', traceId, [
    [SPANS_LOCATION_TAG, 'TRACKING_STORE'],
    ...trace.tags,
  ])
}

function sessionMetadata(trace: TraceAggregate): [string, string][] {
  const metadata: [string, string][] = []
  if (trace.sessionId !== undefined) metadata.push([SESSION_KEY, trace.sessionId])
  if (trace.userId !== undefined) metadata.push(['mlflow.trace.user', trace.userId])
  return metadata
}

async function upsertSpans(
  executor: SqlExecutor,
  experimentId: number,
  spans: readonly SpanRecord[],
): Promise<void> {
  for (const chunk of chunks(spans, 100)) {
    const values = chunk.map((span) => {
      const type = span.attributes['mlflow.spanType']
      return sql`(${span.traceId}, ${experimentId}, ${span.spanId}, ${span.parentSpanId ?? null},
        ${span.name.slice(0, MAX_SPAN_COLUMN_LENGTH)},
        ${type ? unwrapJsonString(type).slice(0, MAX_SPAN_COLUMN_LENGTH) : null},
        ${statusColumn[span.statusCode] ?? 'UNSET'}, ${span.startTimeUnixNano},
        ${span.endTimeUnixNano ?? null}, ${span.attributes['mlflow.chat.tokenUsage'] || null},
        ${spanDictJson(span)})`
    })
    await executor.execute(
      sql`INSERT INTO spans (trace_id, experiment_id, span_id, parent_span_id, name, type, status,
            start_time_unix_nano, end_time_unix_nano, token_usage, content)
          VALUES ${joinSql(values, ', ')}
          ON CONFLICT (trace_id, span_id) DO UPDATE SET
            experiment_id = excluded.experiment_id, parent_span_id = excluded.parent_span_id,
            name = excluded.name, type = excluded.type, status = excluded.status,
            start_time_unix_nano = excluded.start_time_unix_nano,
            end_time_unix_nano = excluded.end_time_unix_nano,
            token_usage = excluded.token_usage, content = excluded.content`,
    )
  }
}

/** Earliest start and latest end win, computed by the database from the row's current values. */
async function widenTimeRange(executor: SqlExecutor, trace: TraceAggregate): Promise<void> {
  const start = trace.minStartMs
  const newStart = sql`CASE WHEN timestamp_ms > ${start} THEN ${start} ELSE timestamp_ms END`
  if (trace.maxEndMs === undefined) {
    await executor.execute(
      sql`UPDATE trace_info SET timestamp_ms = ${newStart} WHERE request_id = ${trace.traceId}`,
    )
    return
  }
  const end = trace.maxEndMs
  await executor.execute(
    sql`UPDATE trace_info SET
          execution_time_ms = (CASE WHEN timestamp_ms + execution_time_ms > ${end}
            THEN timestamp_ms + execution_time_ms ELSE ${end} END) - (${newStart}),
          timestamp_ms = ${newStart}
        WHERE request_id = ${trace.traceId}`,
  )
}

async function updateFromRootSpan(
  executor: SqlExecutor,
  trace: TraceAggregate,
  row: Record<string, unknown>,
): Promise<void> {
  const root = trace.root
  if (root === undefined) return
  const assignments: SqlFragment[] = []
  const status = String(row.status)
  if ((status === 'IN_PROGRESS' || status === 'STATE_UNSPECIFIED') && trace.rootState) {
    assignments.push(sql`status = ${trace.rootState}`)
  }
  const inputs = root.attributes['mlflow.spanInputs']
  if ((row.request_preview === null || row.request_preview === undefined) && inputs) {
    const preview = truncatedPreview({ text: inputs, role: 'user' })
    assignments.push(sql`request_preview = ${preview}`)
  }
  const outputs = root.attributes['mlflow.spanOutputs']
  if ((row.response_preview === null || row.response_preview === undefined) && outputs) {
    const preview = truncatedPreview({ text: outputs, role: 'assistant' })
    assignments.push(sql`response_preview = ${preview}`)
  }
  if (assignments.length === 0) return
  await executor.execute(
    sql`UPDATE trace_info SET ${joinSql(assignments, ', ')} WHERE request_id = ${trace.traceId}`,
  )
}

/**
 * Sums token usage over every stored span of the trace, unless StartTraceV3 already gave the
 * trace its own usage.
 */
async function updateTokenUsage(
  executor: SqlExecutor,
  trace: TraceAggregate,
  finalized: boolean,
): Promise<void> {
  if (!trace.hasTokenUsage) return
  const stored = await readTraceEntry(
    executor,
    'trace_request_metadata',
    trace.traceId,
    TOKEN_USAGE_KEY,
  )
  if (finalized && stored !== undefined) return
  const result = await executor.execute(
    sql`SELECT span_id, parent_span_id, token_usage FROM spans WHERE trace_id = ${trace.traceId}`,
  )
  const nodes = result.rows.map((spanRow) => ({
    spanId: String(spanRow.span_id),
    parentSpanId: spanRow.parent_span_id === null ? undefined : String(spanRow.parent_span_id),
    usage: spanRow.token_usage === null ? undefined : String(spanRow.token_usage),
  }))
  await writeTokenUsage(executor, trace.traceId, nodes, stored)
}

/** The usage summed over the trace's spans, merged with the stored one, as its metadata. */
async function writeTokenUsage(
  executor: SqlExecutor,
  traceId: string,
  nodes: readonly UsageNode[],
  stored: string | undefined,
): Promise<void> {
  const usage = aggregateTokenUsage(nodes)
  if (usage === undefined) return
  const merged = mergeAnalytics({ key: TOKEN_USAGE_KEY, incoming: pythonJsonText(usage), stored })
  if (merged === undefined) return
  await upsertTraceEntries(executor, 'trace_request_metadata', traceId, [[TOKEN_USAGE_KEY, merged]])
}
