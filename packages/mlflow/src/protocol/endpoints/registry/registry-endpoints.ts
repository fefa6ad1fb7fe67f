/**
 * @module registry-endpoints
 * Every model registry endpoint, for routing tables and route inventories.
 */
import type { AnyEndpoint } from '../endpoint.ts'
import { createModelVersion } from './create-model-version.ts'
import { createRegisteredModel } from './create-registered-model.ts'
import { deleteModelVersion } from './delete-model-version.ts'
import { deleteModelVersionTag } from './delete-model-version-tag.ts'
import { deleteRegisteredModel } from './delete-registered-model.ts'
import { deleteRegisteredModelAlias } from './delete-registered-model-alias.ts'
import { deleteRegisteredModelTag } from './delete-registered-model-tag.ts'
import { getLatestVersions } from './get-latest-versions.ts'
import { getModelVersion } from './get-model-version.ts'
import { getModelVersionByAlias } from './get-model-version-by-alias.ts'
import { getModelVersionDownloadUri } from './get-model-version-download-uri.ts'
import { getRegisteredModel } from './get-registered-model.ts'
import { renameRegisteredModel } from './rename-registered-model.ts'
import { searchModelVersions } from './search-model-versions.ts'
import { searchRegisteredModels } from './search-registered-models.ts'
import { setModelVersionTag } from './set-model-version-tag.ts'
import { setRegisteredModelAlias } from './set-registered-model-alias.ts'
import { setRegisteredModelTag } from './set-registered-model-tag.ts'
import { transitionModelVersionStage } from './transition-model-version-stage.ts'
import { updateModelVersion } from './update-model-version.ts'
import { updateRegisteredModel } from './update-registered-model.ts'

/**
 * The model registry endpoints (§3.7 of the API spec), in the spec's order.
 *
 * @example
 * registryEndpoints.map((endpoint) => endpoint.rpc) // ['CreateRegisteredModel', ...]
 */
export const registryEndpoints: readonly AnyEndpoint[] = [
  createRegisteredModel,
  getRegisteredModel,
  renameRegisteredModel,
  updateRegisteredModel,
  deleteRegisteredModel,
  searchRegisteredModels,
  getLatestVersions,
  setRegisteredModelTag,
  deleteRegisteredModelTag,
  setRegisteredModelAlias,
  deleteRegisteredModelAlias,
  getModelVersionByAlias,
  createModelVersion,
  getModelVersion,
  updateModelVersion,
  transitionModelVersionStage,
  deleteModelVersion,
  getModelVersionDownloadUri,
  searchModelVersions,
  setModelVersionTag,
  deleteModelVersionTag,
]
