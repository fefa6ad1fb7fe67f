/**
 * @module sql-logged-model-store
 * The {@link LoggedModelStore} over the tracking database (SQLite or PostgreSQL).
 */
import type { SqlStoreContext } from '../sql/sql-store-context.ts'
import { checkLoggedModelsExist, logLoggedModelMetrics } from './logged-model-metrics.ts'
import {
  createLoggedModel,
  deleteLoggedModel,
  deleteLoggedModelTag,
  finalizeLoggedModel,
  getLoggedModel,
  getLoggedModelOrThrow,
  logLoggedModelParams,
  setLoggedModelTags,
} from './logged-model-operations.ts'
import { searchLoggedModels } from './logged-model-search.ts'
import type { LoggedModelStore } from './logged-model-store.ts'

/**
 * The logged-model store on an open, migrated tracking database.
 *
 * @example
 * const loggedModelStore = createSqlLoggedModelStore(context)
 * const model = await loggedModelStore.createLoggedModel({ experimentId: '0', name: 'qa' })
 */
export function createSqlLoggedModelStore(context: SqlStoreContext): LoggedModelStore {
  const { driver, dialect } = context
  return {
    createLoggedModel: (options) => createLoggedModel(context, options),
    getLoggedModel: (options) => getLoggedModel(driver, options),
    getLoggedModelOrThrow: (options) => getLoggedModelOrThrow(driver, options),
    finalizeLoggedModel: (options) => finalizeLoggedModel(context, options),
    deleteLoggedModel: (options) => deleteLoggedModel(context, options),
    setLoggedModelTags: (options) => setLoggedModelTags(context, options),
    deleteLoggedModelTag: (options) => deleteLoggedModelTag(context, options),
    logLoggedModelParams: (options) => logLoggedModelParams(context, options),
    logLoggedModelMetrics: (options) => logLoggedModelMetrics(context, options),
    checkLoggedModelsExist: (options) => checkLoggedModelsExist(driver, options.modelIds),
    searchLoggedModels: (options) => searchLoggedModels(driver, dialect, options),
  }
}
