/**
 * @module sql-registry-store
 * The {@link RegistryStore} over the tracking database (SQLite or PostgreSQL). Each method maps
 * to one operation module; the tables come from the `create_registry_tables` migration.
 */
import type { SqlStoreContext } from '../sql/sql-store-context.ts'
import {
  deleteRegisteredModelAlias,
  getLatestVersions,
  getModelVersionByAlias,
  setRegisteredModelAlias,
} from './alias-operations.ts'
import { createModelVersion } from './create-model-version.ts'
import {
  deleteModelVersion,
  deleteModelVersionTag,
  getModelVersion,
  getModelVersionDownloadUri,
  setModelVersionTag,
  transitionModelVersionStage,
  updateModelVersion,
} from './model-version-operations.ts'
import {
  createRegisteredModel,
  deleteRegisteredModel,
  deleteRegisteredModelTag,
  getRegisteredModel,
  renameRegisteredModel,
  setRegisteredModelTag,
  updateRegisteredModel,
} from './registered-model-operations.ts'
import type { RegistryStore } from './registry-store.ts'
import { searchModelVersions, searchRegisteredModels } from './registry-search.ts'

/**
 * The registry store on an open, migrated tracking database.
 *
 * @example
 * const registryStore = createSqlRegistryStore(context)
 * await registryStore.createRegisteredModel({ name: 'qa-program' })
 */
export function createSqlRegistryStore(context: SqlStoreContext): RegistryStore {
  const { driver, dialect } = context
  return {
    specificationVersion: 'v1',
    createRegisteredModel: (options) => createRegisteredModel(context, options),
    getRegisteredModel: (options) => getRegisteredModel(context, options),
    renameRegisteredModel: (options) => renameRegisteredModel(context, options),
    updateRegisteredModel: (options) => updateRegisteredModel(context, options),
    deleteRegisteredModel: (options) => deleteRegisteredModel(context, options),
    searchRegisteredModels: (options) => searchRegisteredModels(driver, dialect, options ?? {}),
    getLatestVersions: (options) => getLatestVersions(driver, options),
    setRegisteredModelTag: (options) => setRegisteredModelTag(context, options),
    deleteRegisteredModelTag: (options) => deleteRegisteredModelTag(context, options),
    createModelVersion: (options) => createModelVersion(context, options),
    getModelVersion: (options) => getModelVersion(context, options),
    updateModelVersion: (options) => updateModelVersion(context, options),
    transitionModelVersionStage: (options) => transitionModelVersionStage(context, options),
    deleteModelVersion: (options) => deleteModelVersion(context, options),
    getModelVersionDownloadUri: (options) => getModelVersionDownloadUri(driver, options),
    searchModelVersions: (options) => searchModelVersions(driver, dialect, options ?? {}),
    setModelVersionTag: (options) => setModelVersionTag(context, options),
    deleteModelVersionTag: (options) => deleteModelVersionTag(context, options),
    setRegisteredModelAlias: (options) => setRegisteredModelAlias(context, options),
    deleteRegisteredModelAlias: (options) => deleteRegisteredModelAlias(context, options),
    getModelVersionByAlias: (options) => getModelVersionByAlias(driver, options),
  }
}
