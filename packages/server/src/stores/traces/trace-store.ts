/**
 * @module trace-store
 * MLflow v3 traces: trace infos, their tags and metadata, spans kept in the database (searchable)
 * and links to runs, with MLflow's semantics and error codes (spec §3.9, §5.5, §6.8).
 * Implemented over SQL in `sql-trace-store.ts`.
 */
import type { SpanRecord } from './span-record.ts'

/** Options of {@link TraceStore.logSpans}. */
export interface LogSpansOptions {
  /** The experiment named by the OTLP request's `x-mlflow-experiment-id` header. */
  experimentId: string
  /** Spans of one or more traces, in any order; a trace's root span may come last or later. */
  spans: readonly SpanRecord[]
}

/** The trace store. */
export interface TraceStore {
  /**
   * Stores spans that arrived over OTLP: creates each trace's info on its first span, widens its
   * time range, derives state, previews and token usage, and tags it
   * `mlflow.trace.spansLocation = TRACKING_STORE`.
   */
  logSpans(options: LogSpansOptions): Promise<void>
}
