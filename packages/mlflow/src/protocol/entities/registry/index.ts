/**
 * @module registry entities
 * The model registry's entities as zod schemas (camelCase) and their TypeScript types:
 * registered models, model versions, their tags and aliases, version statuses and stages.
 */
export {
  MODEL_VERSION_STAGES,
  type ModelVersionStage,
  modelVersionStageSchema,
} from './model-version-stage.ts'
export {
  MODEL_VERSION_STATUS_NUMBERS,
  type ModelVersionStatus,
  modelVersionStatusSchema,
} from './model-version-status.ts'
export { type ModelVersion, modelVersionSchema } from './model-version.ts'
export { type RegisteredModel, registeredModelSchema } from './registered-model.ts'
export {
  type RegisteredModelAlias,
  registeredModelAliasSchema,
} from './registered-model-alias.ts'
export {
  type ModelVersionTag,
  modelVersionTagSchema,
  type RegisteredModelTag,
  registeredModelTagSchema,
} from './registry-tags.ts'
