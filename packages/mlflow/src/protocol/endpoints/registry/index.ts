/**
 * @module registry endpoints
 * One descriptor per model registry endpoint (§3.7 of the API spec), and `registryEndpoints`,
 * the list of them.
 */
export {
  createRegisteredModel,
  type CreateRegisteredModelRequest,
  type CreateRegisteredModelResponse,
} from './create-registered-model.ts'
export {
  getRegisteredModel,
  type GetRegisteredModelRequest,
  type GetRegisteredModelResponse,
} from './get-registered-model.ts'
export {
  renameRegisteredModel,
  type RenameRegisteredModelRequest,
  type RenameRegisteredModelResponse,
} from './rename-registered-model.ts'
export {
  updateRegisteredModel,
  type UpdateRegisteredModelRequest,
  type UpdateRegisteredModelResponse,
} from './update-registered-model.ts'
export {
  deleteRegisteredModel,
  type DeleteRegisteredModelRequest,
  type DeleteRegisteredModelResponse,
} from './delete-registered-model.ts'
export {
  SEARCH_REGISTERED_MODELS_MAX_RESULTS,
  searchRegisteredModels,
  type SearchRegisteredModelsRequest,
  type SearchRegisteredModelsResponse,
} from './search-registered-models.ts'
export {
  getLatestVersions,
  type GetLatestVersionsRequest,
  type GetLatestVersionsResponse,
} from './get-latest-versions.ts'
export {
  setRegisteredModelTag,
  type SetRegisteredModelTagRequest,
  type SetRegisteredModelTagResponse,
} from './set-registered-model-tag.ts'
export {
  deleteRegisteredModelTag,
  type DeleteRegisteredModelTagRequest,
  type DeleteRegisteredModelTagResponse,
} from './delete-registered-model-tag.ts'
export {
  setRegisteredModelAlias,
  type SetRegisteredModelAliasRequest,
  type SetRegisteredModelAliasResponse,
} from './set-registered-model-alias.ts'
export {
  deleteRegisteredModelAlias,
  type DeleteRegisteredModelAliasRequest,
  type DeleteRegisteredModelAliasResponse,
} from './delete-registered-model-alias.ts'
export {
  getModelVersionByAlias,
  type GetModelVersionByAliasRequest,
  type GetModelVersionByAliasResponse,
} from './get-model-version-by-alias.ts'
export {
  createModelVersion,
  type CreateModelVersionRequest,
  type CreateModelVersionResponse,
} from './create-model-version.ts'
export {
  getModelVersion,
  type GetModelVersionRequest,
  type GetModelVersionResponse,
} from './get-model-version.ts'
export {
  updateModelVersion,
  type UpdateModelVersionRequest,
  type UpdateModelVersionResponse,
} from './update-model-version.ts'
export {
  transitionModelVersionStage,
  type TransitionModelVersionStageRequest,
  type TransitionModelVersionStageResponse,
} from './transition-model-version-stage.ts'
export {
  deleteModelVersion,
  type DeleteModelVersionRequest,
  type DeleteModelVersionResponse,
} from './delete-model-version.ts'
export {
  getModelVersionDownloadUri,
  type GetModelVersionDownloadUriRequest,
  type GetModelVersionDownloadUriResponse,
} from './get-model-version-download-uri.ts'
export {
  SEARCH_MODEL_VERSIONS_MAX_RESULTS,
  searchModelVersions,
  type SearchModelVersionsRequest,
  type SearchModelVersionsResponse,
} from './search-model-versions.ts'
export {
  setModelVersionTag,
  type SetModelVersionTagRequest,
  type SetModelVersionTagResponse,
} from './set-model-version-tag.ts'
export {
  deleteModelVersionTag,
  type DeleteModelVersionTagRequest,
  type DeleteModelVersionTagResponse,
} from './delete-model-version-tag.ts'
export { registryEndpoints } from './registry-endpoints.ts'
