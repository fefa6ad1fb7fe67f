/**
 * @module logged-model-store
 * MLflow 3 logged models: create, get, search, finalize, delete, tags, params and metrics
 * linked to runs (spec §3.6, §6.7), with the error codes and messages of MLflow's SQL store.
 * Implemented over SQL in `sql-logged-model-store.ts`.
 */
import type {
  LoggedModel,
  LoggedModelParameter,
  LoggedModelStatus,
  LoggedModelTag,
  SearchLoggedModelsDataset,
  SearchLoggedModelsOrderBy,
} from '@dspyflow/mlflow/protocol'

/** What other stores need of a logged model (the registry resolves `models:/<model_id>`). */
export interface LoggedModelReference {
  info: { modelId: string; experimentId: string; artifactUri: string; sourceRunId?: string }
}

/** Options of {@link LoggedModelStore.createLoggedModel}. */
export interface CreateLoggedModelOptions {
  /** An active experiment. */
  experimentId: string
  /** Default (also for `''`): a generated `adjective-noun-NNN`. No `/ : . % " '`. */
  name?: string
  /** Stored as given; the REST route passes `''` when the request has none, as MLflow does. */
  modelType?: string
  sourceRunId?: string
  /** Unique keys (a repeated key is `BAD_REQUEST`). */
  params?: LoggedModelParameter[]
  /** Unique keys (a repeated key is `BAD_REQUEST`). */
  tags?: LoggedModelTag[]
}

/** One metric point logged to a run with a `modelId`, recorded against that model too. */
export interface LoggedModelMetricPoint {
  modelId: string
  key: string
  value: number
  /** Epoch milliseconds; a bigint only beyond 2^53. */
  timestamp: number | bigint
  /** Default 0; a bigint only beyond 2^53. */
  step?: number | bigint
  datasetName?: string
  datasetDigest?: string
}

/** Options of {@link LoggedModelStore.searchLoggedModels}. */
export interface SearchLoggedModelsOptions {
  experimentIds: string[]
  /** e.g. `metrics.accuracy > 0.8 AND params.temperature = '0.7' AND name LIKE 'qa-%'`. */
  filter?: string
  /** Restricts which metric points metric filters see (every entry needs a `datasetName`). */
  datasets?: SearchLoggedModelsDataset[]
  /** Default (also for 0): 100; negative values are `INVALID_PARAMETER_VALUE`. */
  maxResults?: number
  /** Then `creation_timestamp_ms DESC` (unless listed) and `model_id ASC`. */
  orderBy?: SearchLoggedModelsOrderBy[]
  /** A token of an earlier page of the same search. */
  pageToken?: string
}

/** A page of logged models. */
export interface SearchLoggedModelsResult {
  models: LoggedModel[]
  /** Present when more models match. */
  nextPageToken?: string
}

/**
 * The logged-model store. Every method fails with a `StoreError`: `RESOURCE_DOES_NOT_EXIST`
 * ("Logged model with ID 'm-…' not found.") for an unknown model, `INVALID_PARAMETER_VALUE` for
 * bad input, `BAD_REQUEST` where MLflow's SQL store hits a key violation.
 *
 * @example
 * const model = await stores.loggedModelStore.createLoggedModel({ experimentId: '1', name: 'qa' })
 * await stores.loggedModelStore.finalizeLoggedModel({
 *   modelId: model.info.modelId,
 *   status: 'LOGGED_MODEL_READY',
 * })
 */
export interface LoggedModelStore {
  /** Creates a `LOGGED_MODEL_PENDING` model in an active experiment. */
  createLoggedModel(options: CreateLoggedModelOptions): Promise<LoggedModel>
  /** The model, or `undefined` when unknown or deleted (unless `allowDeleted`). */
  getLoggedModel(options: {
    modelId: string
    allowDeleted?: boolean
  }): Promise<LoggedModel | undefined>
  /** Like `getLoggedModel`, but `RESOURCE_DOES_NOT_EXIST` when missing. */
  getLoggedModelOrThrow(options: { modelId: string; allowDeleted?: boolean }): Promise<LoggedModel>
  /** Sets the status and last-updated time (deleted models too). */
  finalizeLoggedModel(options: { modelId: string; status: LoggedModelStatus }): Promise<LoggedModel>
  /** Soft-deletes a model (again is a no-op that bumps its last-updated time). */
  deleteLoggedModel(options: { modelId: string }): Promise<void>
  /** Upserts tags; a key repeated in the list keeps its last value. */
  setLoggedModelTags(options: { modelId: string; tags: LoggedModelTag[] }): Promise<void>
  /** Deletes a tag; `RESOURCE_DOES_NOT_EXIST` if the model has no such tag. */
  deleteLoggedModelTag(options: { modelId: string; key: string }): Promise<void>
  /** Adds params; a key the model already has is `BAD_REQUEST`. */
  logLoggedModelParams(options: { modelId: string; params: LoggedModelParameter[] }): Promise<void>
  /**
   * Records metric points of an active run against their models (with the run and its
   * experiment). An exact repeat is ignored; an unknown model, or another value at the same
   * (model, key, timestamp, step, run), is `BAD_REQUEST`. NaN is stored as 0 and ±Infinity as
   * ±the largest double, as MLflow does.
   */
  logLoggedModelMetrics(options: {
    runId: string
    metrics: LoggedModelMetricPoint[]
  }): Promise<void>
  /**
   * `BAD_REQUEST` unless every id names a logged model (deleted ones count), so a batch can be
   * checked before anything of it is written.
   */
  checkLoggedModelsExist(options: { modelIds: string[] }): Promise<void>
  searchLoggedModels(options: SearchLoggedModelsOptions): Promise<SearchLoggedModelsResult>
}
