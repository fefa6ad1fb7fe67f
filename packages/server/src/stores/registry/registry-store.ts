/**
 * @module registry-store
 * The model registry store: registered models, model versions, their tags and aliases, with
 * MLflow's semantics and error codes (spec §3.7). Implemented over SQL in
 * `sql-registry-store.ts`.
 */

/** The model registry store. */
export interface RegistryStore {
  readonly storeKind: 'registry'
}
