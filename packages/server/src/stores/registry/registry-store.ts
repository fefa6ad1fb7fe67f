/**
 * @module registry-store
 * The model registry store: registered models, model versions, their tags and aliases, with
 * MLflow's semantics and error codes (spec §3.7). Every method takes one options object and
 * fails with a {@link StoreError} carrying MLflow's code and message: unknown models and
 * versions are `RESOURCE_DOES_NOT_EXIST`, taken names `RESOURCE_ALREADY_EXISTS`, bad names,
 * versions, aliases, tags, filters and page tokens `INVALID_PARAMETER_VALUE`. Implemented over
 * SQL in `sql-registry-store.ts`.
 */
import type {
  ModelVersion,
  ModelVersionTag,
  RegisteredModel,
  RegisteredModelTag,
} from '@dspyflow/mlflow/protocol'

/** What the registry reads of a logged model. */
export interface LoggedModelSummary {
  info: {
    artifactUri: string
    sourceRunId?: string
    tags?: readonly { key: string; value?: string }[]
  }
}

/**
 * What the registry needs of the logged-model store (which owns the `logged_models` table):
 * resolving `models:/<model_id>` sources and a version's `model_id`, and, when offered,
 * recording on the logged model which versions were registered from it. A `LoggedModelStore`
 * fits.
 */
export interface LoggedModelLookup {
  /** The model, or `undefined` when unknown or deleted. */
  getLoggedModel(options: { modelId: string }): Promise<LoggedModelSummary | undefined>
  /** Upserts tags of a logged model. */
  setLoggedModelTags?(options: {
    modelId: string
    tags: { key: string; value: string }[]
  }): Promise<void>
}

/** Options of {@link RegistryStore.createRegisteredModel}. */
export interface CreateRegisteredModelOptions {
  /** Non-blank, without `/` or `:`, not path-ambiguous; unique. */
  name: string
  /** Keys ≤ 250 characters, values ≤ 100000; a repeated key keeps its last value. */
  tags?: RegisteredModelTag[]
  description?: string
}

/** Options of {@link RegistryStore.createModelVersion}. */
export interface CreateModelVersionOptions {
  /** The registered model (must exist). */
  name: string
  /**
   * Where the model files are. `models:/<model_id>` is stored with the logged model's artifact
   * location as download location; `models:/<name>/<version>` with that version's.
   */
  source: string
  /** Default: the logged model's source run when `source` or `modelId` names one. */
  runId?: string
  tags?: ModelVersionTag[]
  runLink?: string
  description?: string
  /** The MLflow 3 logged model this version promotes. */
  modelId?: string
  /** Resolves logged models (`models:/<model_id>` sources, `modelId`); none → those fail. */
  loggedModels?: LoggedModelLookup
}

/** Options of {@link RegistryStore.searchRegisteredModels}. */
export interface SearchRegisteredModelsOptions {
  /** `name` (`= != LIKE ILIKE IN NOT IN`) and `tags.<key>` (`= != LIKE ILIKE`), AND-ed. */
  filter?: string
  /** 0..1000, default 100. */
  maxResults?: number
  /** `name`, `timestamp`, `last_updated_timestamp` with `ASC`/`DESC`; `name ASC` breaks ties. */
  orderBy?: string[]
  pageToken?: string
}

/** A page of registered models. */
export interface SearchRegisteredModelsResult {
  registeredModels: RegisteredModel[]
  /** Present when more results exist. */
  nextPageToken?: string
}

/** Options of {@link RegistryStore.searchModelVersions}. */
export interface SearchModelVersionsOptions {
  /**
   * `name`, `run_id` (also `IN`/`NOT IN`), `source_path` (string comparators),
   * `version_number` (numeric comparators) and `tags.<key>`, AND-ed.
   */
  filter?: string
  /** 1..200000, default 200000. */
  maxResults?: number
  /**
   * `name`, `version_number`, `creation_timestamp`, `last_updated_timestamp`; default
   * `last_updated_timestamp DESC`; then `name ASC`, `version_number DESC`.
   */
  orderBy?: string[]
  pageToken?: string
}

/** A page of model versions. */
export interface SearchModelVersionsResult {
  modelVersions: ModelVersion[]
  /** Present when more results exist. */
  nextPageToken?: string
}

/** A model version by name and version number (an integer, as a string or a number). */
export interface ModelVersionKey {
  name: string
  version: string | number
}

/** The model registry store. */
export interface RegistryStore {
  readonly specificationVersion: 'v1'

  /** Creates a registered model (`RESOURCE_ALREADY_EXISTS` when the name is taken). */
  createRegisteredModel(options: CreateRegisteredModelOptions): Promise<RegisteredModel>
  /** The model with its tags, aliases and newest version per stage. */
  getRegisteredModel(options: { name: string }): Promise<RegisteredModel>
  /** Renames the model and every version (`RESOURCE_ALREADY_EXISTS` on a taken name). */
  renameRegisteredModel(options: { name: string; newName: string }): Promise<RegisteredModel>
  /** Sets the description and bumps `lastUpdatedTimestamp`. */
  updateRegisteredModel(options: { name: string; description?: string }): Promise<RegisteredModel>
  /** Deletes the model with its versions, tags and aliases, for good. */
  deleteRegisteredModel(options: { name: string }): Promise<void>
  /** Non-prompt models unless the filter asks for `tags.mlflow.prompt.is_prompt = 'true'`. */
  searchRegisteredModels(
    options?: SearchRegisteredModelsOptions,
  ): Promise<SearchRegisteredModelsResult>
  /** The newest version of each of `stages` (any case; all stages when empty), with aliases. */
  getLatestVersions(options: { name: string; stages?: string[] }): Promise<ModelVersion[]>
  setRegisteredModelTag(options: { name: string; key: string; value: string }): Promise<void>
  /** A missing tag is a no-op; a missing model is `RESOURCE_DOES_NOT_EXIST`. */
  deleteRegisteredModelTag(options: { name: string; key: string }): Promise<void>

  /** Registers the next version (highest ever + 1), `READY` in stage `None`. */
  createModelVersion(options: CreateModelVersionOptions): Promise<ModelVersion>
  getModelVersion(options: ModelVersionKey): Promise<ModelVersion>
  /** Sets the description (`undefined` clears it). */
  updateModelVersion(options: ModelVersionKey & { description?: string }): Promise<ModelVersion>
  /** Moves a version to a stage; optionally archives the others in that stage. */
  transitionModelVersionStage(
    options: ModelVersionKey & { stage: string; archiveExistingVersions?: boolean },
  ): Promise<ModelVersion>
  /** Soft delete: hidden everywhere, aliases removed, number never reused. */
  deleteModelVersion(options: ModelVersionKey): Promise<void>
  /** The stored download location, else the source. */
  getModelVersionDownloadUri(options: ModelVersionKey): Promise<string>
  /** Versions (not deleted; non-prompt unless the filter asks for prompts). */
  searchModelVersions(options?: SearchModelVersionsOptions): Promise<SearchModelVersionsResult>
  setModelVersionTag(options: ModelVersionKey & { key: string; value: string }): Promise<void>
  /** A missing tag is a no-op. */
  deleteModelVersionTag(options: ModelVersionKey & { key: string }): Promise<void>

  /** Points an alias at an existing version (upsert); `latest` and `v<N>` are reserved. */
  setRegisteredModelAlias(options: {
    name: string
    alias: string
    version: string | number
  }): Promise<void>
  /** A missing alias is a no-op; a missing model is `RESOURCE_DOES_NOT_EXIST`. */
  deleteRegisteredModelAlias(options: { name: string; alias: string }): Promise<void>
  /**
   * The version an alias points to; `latest` (any case) is the highest version. An unknown
   * alias is `INVALID_PARAMETER_VALUE`, as in MLflow.
   */
  getModelVersionByAlias(options: { name: string; alias: string }): Promise<ModelVersion>
}
