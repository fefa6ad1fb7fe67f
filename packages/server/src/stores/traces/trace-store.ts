/**
 * @module trace-store
 * MLflow v3 traces: trace infos, their tags and metadata, spans kept in the database (searchable)
 * and links to runs, with MLflow's semantics and error codes (spec §3.9, §5.5, §6.8).
 * Implemented over SQL in `sql-trace-store.ts`.
 */
import type { Assessment, TraceState } from '@dspyflow/mlflow/protocol'
import type { SpanRecord } from './span-record.ts'

/** Options of {@link TraceStore.logSpans}. */
export interface LogSpansOptions {
  /** The experiment named by the OTLP request's `x-mlflow-experiment-id` header. */
  experimentId: string
  /** Spans of one or more traces, in any order; a trace's root span may come last or later. */
  spans: readonly SpanRecord[]
}

/** A trace's info as the store keeps it (times in epoch milliseconds). */
export interface TraceInfoRecord {
  /** `tr-` + 32 hex (v3), or 32 hex for traces the legacy v2 API started. */
  traceId: string
  experimentId: string
  /** Start, epoch milliseconds. */
  requestTime: number
  /** Milliseconds; undefined while unknown. */
  executionDuration: number | undefined
  state: TraceState
  clientRequestId: string | undefined
  requestPreview: string | undefined
  responsePreview: string | undefined
  traceMetadata: Record<string, string>
  tags: Record<string, string>
  assessments: Assessment[]
}

/** What StartTraceV3 stores: a trace info as the client sends it. */
export interface StartTraceInput {
  traceId: string
  experimentId: string
  requestTime: number
  executionDuration: number | undefined
  state: TraceState
  clientRequestId?: string
  requestPreview?: string
  responsePreview?: string
  traceMetadata: Record<string, string>
  tags: Record<string, string>
  assessments: readonly Assessment[]
}

/** A trace with the span dicts (JSON text) the tracking store keeps, root span first. */
export interface StoredTrace {
  info: TraceInfoRecord
  /** Each span's stored span dict JSON (the `traces.json` span format). */
  spanDicts: string[]
}

/** Options of {@link TraceStore.searchTraces}. */
export interface SearchTracesOptions {
  experimentIds: readonly string[]
  /** The trace search grammar (spec §5.5). */
  filter?: string
  /** 1–500 (default 100). */
  maxResults?: number
  orderBy?: readonly string[]
  pageToken?: string
}

/**
 * A page of {@link TraceStore.searchTracesJson}: each trace info as the JSON object of a v3
 * `TraceInfo` in a SearchTracesV3 answer (snake_case fields, RFC 3339 `request_time`, `"0.900s"`
 * durations, tags and metadata cut as answers cut them), byte for byte what the server's generic
 * encoder writes for the same info.
 */
export interface SearchTracesJsonResult {
  traceInfoJson: string[]
  nextPageToken?: string
}

/** A page of trace infos; a token whenever the page is full. */
export interface SearchTracesResult {
  traceInfos: TraceInfoRecord[]
  nextPageToken?: string
}

/** Options of {@link TraceStore.deleteTraces}: either `traceIds` or `maxTimestampMillis`. */
export interface DeleteTracesOptions {
  experimentId: string
  maxTimestampMillis?: number
  /** With `maxTimestampMillis`: delete at most this many, oldest first. */
  maxTraces?: number
  traceIds?: readonly string[]
}

/** Options of {@link TraceStore.applyRetention}. */
export interface TraceRetentionOptions {
  /** Delete traces that started more than this many milliseconds ago. */
  maxAgeMillis?: number
  /** Keep at most this many traces per experiment (the newest). */
  maxCountPerExperiment?: number
}

/** The legacy v2 StartTrace input. */
export interface StartTraceV2Input {
  experimentId: string
  timestampMs: number
  requestMetadata: Record<string, string>
  tags: Record<string, string>
}

/** The legacy v2 EndTrace input. */
export interface EndTraceV2Input {
  requestId: string
  timestampMs: number
  state: TraceState
  requestMetadata: Record<string, string>
  tags: Record<string, string>
}

/** The trace store. Every method throws `StoreError` with MLflow's codes. */
export interface TraceStore {
  /**
   * Stores spans that arrived over OTLP: creates each trace's info on its first span, widens its
   * time range, derives state, previews and token usage, and tags it
   * `mlflow.trace.spansLocation = TRACKING_STORE`.
   */
  logSpans(options: LogSpansOptions): Promise<void>
  /**
   * StartTraceV3: upserts a finished trace's info (spans already stored are kept), adds the tag
   * `mlflow.artifactLocation` and the metadata `mlflow.trace.infoFinalized`.
   */
  startTrace(options: { traceInfo: StartTraceInput }): Promise<TraceInfoRecord>
  /** A trace's info; `RESOURCE_DOES_NOT_EXIST` when unknown. */
  getTraceInfo(options: { traceId: string }): Promise<TraceInfoRecord>
  /** The infos of the known traces among `traceIds`, in request order. */
  batchGetTraceInfos(options: {
    traceIds: readonly string[]
    experimentIds?: readonly string[]
  }): Promise<TraceInfoRecord[]>
  /**
   * A trace with its stored spans. Unless `allowPartial`, waits a little for missing spans and
   * then answers `RESOURCE_DOES_NOT_EXIST`.
   */
  getTrace(options: { traceId: string; allowPartial?: boolean }): Promise<StoredTrace>
  /** The complete store-backed traces among `traceIds`, in request order (others skipped). */
  batchGetTraces(options: {
    traceIds: readonly string[]
    experimentIds?: readonly string[]
  }): Promise<StoredTrace[]>
  searchTraces(options: SearchTracesOptions): Promise<SearchTracesResult>
  /**
   * The page {@link searchTraces} finds, written as wire JSON by the database itself, when it
   * can: `undefined` when it cannot (PostgreSQL, an empty page, or a trace on the page with
   * assessments or with a value only the generic encoder writes) — then call `searchTraces`.
   * On SQLite it checks its options as `searchTraces` does; on PostgreSQL it answers `undefined`
   * at once and leaves the checks to `searchTraces`.
   */
  searchTracesJson(options: SearchTracesOptions): Promise<SearchTracesJsonResult | undefined>
  /** Hard-deletes traces (with their tags, metadata, spans, assessments, run links). */
  deleteTraces(options: DeleteTracesOptions): Promise<number>
  setTraceTag(options: { traceId: string; key: string; value: string }): Promise<void>
  deleteTraceTag(options: { traceId: string; key: string }): Promise<void>
  linkTracesToRun(options: { traceIds: readonly string[]; runId: string }): Promise<void>
  startTraceV2(options: StartTraceV2Input): Promise<TraceInfoRecord>
  endTraceV2(options: EndTraceV2Input): Promise<TraceInfoRecord>
  /** Deletes old traces by age and/or count; returns how many were deleted. */
  applyRetention(options: TraceRetentionOptions): Promise<number>
}
