/**
 * @module logged-model-store
 * MLflow 3 logged models: create, get, search, finalize, delete, tags, params and metrics
 * linked to runs (spec §3.6, §6.7). Implemented over SQL in `sql-logged-model-store.ts`.
 */

/** What other stores need of a logged model (the registry resolves `models:/<model_id>`). */
export interface LoggedModelReference {
  info: { modelId: string; experimentId: string; artifactUri: string; sourceRunId?: string }
}

/** The logged-model store. */
export interface LoggedModelStore {
  /** The model, or `undefined` when unknown or deleted. */
  getLoggedModel(options: { modelId: string }): Promise<LoggedModelReference | undefined>
}
