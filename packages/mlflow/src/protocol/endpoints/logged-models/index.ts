/**
 * @module logged-models endpoints
 * The MLflow 3 logged-model endpoints (§3.6 of the API spec): create, get, finalize, delete,
 * search, tags, params, the artifact listing and the web UI's file download.
 */
import type { AnyEndpoint } from '../endpoint.ts'
import { createLoggedModel } from './create-logged-model.ts'
import { deleteLoggedModel } from './delete-logged-model.ts'
import { deleteLoggedModelTag } from './delete-logged-model-tag.ts'
import { finalizeLoggedModel } from './finalize-logged-model.ts'
import { getLoggedModel } from './get-logged-model.ts'
import { getLoggedModelArtifact } from './get-logged-model-artifact.ts'
import { listLoggedModelArtifacts } from './list-logged-model-artifacts.ts'
import { logLoggedModelParams } from './log-logged-model-params.ts'
import { searchLoggedModels } from './search-logged-models.ts'
import { setLoggedModelTags } from './set-logged-model-tags.ts'

export {
  createLoggedModel,
  type CreateLoggedModelRequest,
  type CreateLoggedModelResponse,
} from './create-logged-model.ts'
export {
  deleteLoggedModel,
  type DeleteLoggedModelRequest,
  type DeleteLoggedModelResponse,
} from './delete-logged-model.ts'
export {
  deleteLoggedModelTag,
  type DeleteLoggedModelTagRequest,
  type DeleteLoggedModelTagResponse,
} from './delete-logged-model-tag.ts'
export {
  finalizeLoggedModel,
  type FinalizeLoggedModelRequest,
  type FinalizeLoggedModelResponse,
} from './finalize-logged-model.ts'
export {
  getLoggedModel,
  type GetLoggedModelRequest,
  type GetLoggedModelResponse,
} from './get-logged-model.ts'
export {
  type GetLoggedModelArtifactRequest,
  getLoggedModelArtifact,
} from './get-logged-model-artifact.ts'
export {
  listLoggedModelArtifacts,
  type ListLoggedModelArtifactsRequest,
  type ListLoggedModelArtifactsResponse,
} from './list-logged-model-artifacts.ts'
export {
  logLoggedModelParams,
  type LogLoggedModelParamsRequest,
  type LogLoggedModelParamsResponse,
} from './log-logged-model-params.ts'
export {
  SEARCH_LOGGED_MODELS_DEFAULT_MAX_RESULTS,
  type SearchLoggedModelsDataset,
  type SearchLoggedModelsOrderBy,
  type SearchLoggedModelsRequest,
  type SearchLoggedModelsResponse,
  searchLoggedModels,
  searchLoggedModelsDatasetSchema,
  searchLoggedModelsOrderBySchema,
} from './search-logged-models.ts'
export {
  setLoggedModelTags,
  type SetLoggedModelTagsRequest,
  type SetLoggedModelTagsResponse,
} from './set-logged-model-tags.ts'

/**
 * Every logged-model endpoint, for mounting routes and for tests that walk all of them.
 *
 * @example
 * for (const endpoint of loggedModelEndpoints) console.log(endpoint.method, endpoint.path)
 */
export const loggedModelEndpoints: readonly AnyEndpoint[] = [
  createLoggedModel,
  searchLoggedModels,
  getLoggedModel,
  finalizeLoggedModel,
  deleteLoggedModel,
  setLoggedModelTags,
  deleteLoggedModelTag,
  logLoggedModelParams,
  listLoggedModelArtifacts,
  getLoggedModelArtifact,
]
