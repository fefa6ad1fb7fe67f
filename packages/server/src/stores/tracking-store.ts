/**
 * @module tracking-store
 * The interface every tracking store implements (SQLite, PostgreSQL, in-memory): experiments,
 * runs and what is logged to them, with MLflow's semantics and error codes. Every method takes
 * one options object and fails with a {@link StoreError}. `get*()` returns `undefined` for a
 * missing entity; `get*OrThrow()` throws `RESOURCE_DOES_NOT_EXIST` with MLflow's message.
 */
import type {
  DatasetInput,
  Experiment,
  ExperimentTag,
  Metric,
  MetricWithRunId,
  ModelInput,
  ModelOutput,
  Param,
  Run,
  RunInfo,
  RunStatus,
  RunTag,
  ViewType,
} from '@dspyflow/mlflow/protocol'

/** Options of {@link TrackingStore.createExperiment}. */
export interface CreateExperimentOptions {
  /** Non-empty, ≤ 500 characters, unique among active and deleted experiments. */
  name: string
  /** Default: `<defaultArtifactRoot>/<experiment id>`. */
  artifactLocation?: string
  tags?: ExperimentTag[]
}

/** Options of {@link TrackingStore.searchExperiments}. */
export interface SearchExperimentsOptions {
  /** MLflow's experiment filter, e.g. `name LIKE 'dspy-%' AND tags.team = 'nlp'`. */
  filter?: string
  /** Default `['creation_time DESC', 'experiment_id ASC']`. */
  orderBy?: string[]
  /** Default `ACTIVE_ONLY`. */
  viewType?: ViewType
  /** 1..50000, default 1000. */
  maxResults?: number
  pageToken?: string
}

/** A page of experiments. */
export interface SearchExperimentsResult {
  experiments: Experiment[]
  /** Present when more results exist. */
  nextPageToken?: string
}

/** Options of {@link TrackingStore.createRun}. */
export interface CreateRunOptions {
  /** Default: the Default experiment `'0'`. */
  experimentId?: string
  userId?: string
  /** Default: the `mlflow.runName` tag, else a generated `adjective-noun-NNN`. */
  runName?: string
  /** Epoch ms; default now. */
  startTime?: number
  tags?: RunTag[]
  /** Makes the run a child run: sets the `mlflow.parentRunId` tag. */
  parentRunId?: string
}

/** Options of {@link TrackingStore.updateRun}; only the given fields change. */
export interface UpdateRunOptions {
  runId: string
  status?: RunStatus
  endTime?: number
  /** Also updates the `mlflow.runName` tag. */
  runName?: string
}

/** A metric point to log; `step` defaults to 0. */
export interface MetricPoint {
  key: string
  value: number
  /** Epoch milliseconds; a bigint only beyond 2^53. */
  timestamp: number | bigint
  /** A bigint only beyond 2^53 (stored and returned exactly). */
  step?: number | bigint
}

/** Options of {@link TrackingStore.logMetric}. */
export interface LogMetricOptions extends MetricPoint {
  runId: string
}

/** Options of {@link TrackingStore.logBatch}. */
export interface LogBatchOptions {
  runId: string
  /** ≤ 1000. */
  metrics?: MetricPoint[]
  /** ≤ 100, unique keys. */
  params?: Param[]
  /** ≤ 100. At most 1000 entities in all. */
  tags?: RunTag[]
}

/** What a successful {@link TrackingStore.logBatch} wrote. */
export interface LogBatchReport {
  /** Points stored, and exact duplicates of stored points that were skipped. */
  metrics: { written: number; duplicates: number }
  /** Params stored, and params already logged with the same value. */
  params: { written: number; unchanged: number }
  /** Tags set (inserted or updated). */
  tags: { written: number }
}

/** Options of {@link TrackingStore.getMetricHistory}. */
export interface GetMetricHistoryOptions {
  runId: string
  metricKey: string
  /** Default: all points. */
  maxResults?: number
  pageToken?: string
}

/** A page of metric history, ordered by (timestamp, step, value). */
export interface MetricHistoryPage {
  metrics: Metric[]
  nextPageToken?: string
}

/** Options of {@link TrackingStore.getMetricHistoryBulkInterval}. */
export interface GetMetricHistoryBulkIntervalOptions {
  /** ≤ 100 runs. */
  runIds: string[]
  metricKey: string
  /** Both or neither; `startStep ≤ endStep`. */
  startStep?: number
  endStep?: number
  /** Points per run, 1..2500, default 2500. */
  maxResults?: number
}

/** Options of {@link TrackingStore.logInputs}. */
export interface LogInputsOptions {
  runId: string
  datasets?: DatasetInput[]
  /** Logged models the run consumed (MLflow 3); linking one again is a no-op. */
  models?: ModelInput[]
}

/** Options of {@link TrackingStore.logOutputs}. */
export interface LogOutputsOptions {
  runId: string
  /** Logged models the run produced, each at a step; a model already recorded is `BAD_REQUEST`. */
  models: ModelOutput[]
}

/** What {@link TrackingStore.logInputs} did. */
export interface LogInputsReport {
  /** Datasets new to the experiment, and ones reused by (name, digest). */
  datasets: { created: number; reused: number }
  /** Links created, and datasets that were already linked to the run (their tags kept). */
  inputs: { linked: number; alreadyLinked: number }
}

/** Options of {@link TrackingStore.searchRuns}. */
export interface SearchRunsOptions {
  experimentIds: string[]
  /** MLflow's run filter, e.g. `metrics.acc > 0.9 AND params.lr = '0.1'`. */
  filter?: string
  /** Default `ACTIVE_ONLY`. */
  runViewType?: ViewType
  /** 1..50000, default 1000. */
  maxResults?: number
  /** e.g. `['metrics.acc DESC']`; then `start_time DESC`, `run_id ASC`. */
  orderBy?: string[]
  pageToken?: string
}

/** A page of runs. */
export interface SearchRunsResult {
  runs: Run[]
  nextPageToken?: string
}

/** One dataset used in an experiment, with the context it was used in. */
export interface DatasetSummary {
  experimentId: string
  name: string
  digest: string
  /** The input tag `mlflow.data.context`, if set. */
  context?: string
}

/**
 * A tracking store. Implementations: `createSqliteTrackingStore`, `createPostgresTrackingStore`,
 * `createMemoryTrackingStore`; all pass `runStoreConformance`.
 *
 * @example
 * const store = await openSqliteTrackingStore({ path: 'mlflow.db' })
 * const experimentId = await store.createExperiment({ name: 'DSPy-Optimization' })
 * const run = await store.createRun({ experimentId, runName: 'mipro' })
 * await store.logMetric({ runId: run.info.runId, key: 'score', value: 0.8, timestamp: Date.now() })
 * await store.close()
 */
export interface TrackingStore {
  readonly specificationVersion: 'v1'

  /** Creates an experiment and returns its id. `RESOURCE_ALREADY_EXISTS` if the name is taken. */
  createExperiment(options: CreateExperimentOptions): Promise<string>
  /**
   * An experiment by id, active or deleted (`''` means the Default experiment). A non-integer id
   * is `INVALID_PARAMETER_VALUE`, as in MLflow's SQL store.
   */
  getExperiment(options: { experimentId: string }): Promise<Experiment | undefined>
  /** Like `getExperiment`; "No Experiment with id=X exists" when missing. */
  getExperimentOrThrow(options: { experimentId: string }): Promise<Experiment>
  /** An experiment by exact name, active or deleted. */
  getExperimentByName(options: { name: string }): Promise<Experiment | undefined>
  /** Like `getExperimentByName`; "Could not find experiment with name 'X'" when missing. */
  getExperimentByNameOrThrow(options: { name: string }): Promise<Experiment>
  searchExperiments(options?: SearchExperimentsOptions): Promise<SearchExperimentsResult>
  /** Renames an active experiment (`INVALID_STATE` if deleted). */
  renameExperiment(options: { experimentId: string; newName: string }): Promise<void>
  /** Upserts a tag on an active experiment. */
  setExperimentTag(options: { experimentId: string; key: string; value: string }): Promise<void>
  deleteExperimentTag(options: { experimentId: string; key: string }): Promise<void>
  /** Soft-deletes an active experiment and all its runs. */
  deleteExperiment(options: { experimentId: string }): Promise<void>
  /** Restores a deleted experiment and all its runs. */
  restoreExperiment(options: { experimentId: string }): Promise<void>

  /** Creates a `RUNNING` run in an active experiment. */
  createRun(options: CreateRunOptions): Promise<Run>
  /** A run (active or deleted) with latest metrics, params, tags, inputs and outputs. */
  getRun(options: { runId: string }): Promise<Run | undefined>
  /** Like `getRun`; "Run with id=X not found" when missing. */
  getRunOrThrow(options: { runId: string }): Promise<Run>
  updateRun(options: UpdateRunOptions): Promise<RunInfo>
  /** Soft-deletes a run (sets its deleted time). */
  deleteRun(options: { runId: string }): Promise<void>
  restoreRun(options: { runId: string }): Promise<void>
  /** Logs one point; an exact duplicate is ignored. */
  logMetric(options: LogMetricOptions): Promise<void>
  /** Logs a param; the same value again is a no-op, a different one `INVALID_PARAMETER_VALUE`. */
  logParam(options: { runId: string; key: string; value: string }): Promise<void>
  /** Upserts a run tag; `mlflow.runName` also renames the run. */
  setTag(options: { runId: string; key: string; value: string }): Promise<void>
  deleteTag(options: { runId: string; key: string }): Promise<void>
  /** Validates everything, then writes params, metrics and tags in one transaction. */
  logBatch(options: LogBatchOptions): Promise<LogBatchReport>
  getMetricHistory(options: GetMetricHistoryOptions): Promise<MetricHistoryPage>
  /** Evenly sampled points per run, always keeping each run's first and last point. */
  getMetricHistoryBulkInterval(
    options: GetMetricHistoryBulkIntervalOptions,
  ): Promise<MetricWithRunId[]>
  /**
   * Links datasets to a run, creating them in the experiment unless (name, digest) exists, and
   * records the logged models it consumed.
   */
  logInputs(options: LogInputsOptions): Promise<LogInputsReport>
  /** Records the logged models an active run produced (`Run.outputs.modelOutputs`). */
  logOutputs(options: LogOutputsOptions): Promise<void>
  searchRuns(options: SearchRunsOptions): Promise<SearchRunsResult>
  /** The datasets used in experiments (≤ 1000 summaries), for the UI. */
  searchDatasets(options: { experimentIds: string[] }): Promise<DatasetSummary[]>

  /** Releases the database connection or pool. */
  close(): Promise<void>
}
