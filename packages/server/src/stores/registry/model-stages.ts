/**
 * @module model-stages
 * Model version stages: the four public ones in canonical spelling, the internal stage of
 * deleted versions, and MLflow's case-insensitive reading of stage names.
 */
import { MODEL_VERSION_STAGES, type ModelVersionStage } from '@dspyflow/mlflow/protocol'
import { StoreError } from '../store-error.ts'

/** The stage deleted versions are kept in; never shown. */
export const STAGE_DELETED_INTERNAL = 'Deleted_Internal'

/** The stages `archive_existing_versions` may be used with. */
export const ACTIVE_STAGES: readonly ModelVersionStage[] = ['Staging', 'Production']

/**
 * The canonical spelling of a stage name given in any case.
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE` for an unknown stage.
 * @example
 * canonicalStage({ stage: 'PRODUCTION' }) // 'Production'
 */
export function canonicalStage(options: { stage: string }): ModelVersionStage {
  const found = MODEL_VERSION_STAGES.find(
    (stage) => stage.toLowerCase() === options.stage.toLowerCase(),
  )
  if (found === undefined) {
    throw StoreError.invalidParameter(
      `Invalid Model Version stage: ${options.stage}. Value must be one of ` +
        `${MODEL_VERSION_STAGES.join(', ')}.`,
    )
  }
  return found
}
