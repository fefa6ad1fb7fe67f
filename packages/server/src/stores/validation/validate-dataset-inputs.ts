/**
 * @module validate-dataset-inputs
 * Checks on `logInputs` datasets and input tags, with MLflow's messages.
 */
import type { DatasetInput } from '@dspyflow/mlflow/protocol'
import { StoreError } from '../store-error.ts'
import {
  MAX_DATASET_DIGEST_SIZE,
  MAX_DATASET_NAME_SIZE,
  MAX_DATASET_PROFILE_SIZE,
  MAX_DATASET_SCHEMA_SIZE,
  MAX_DATASET_SOURCE_SIZE,
  MAX_INPUT_TAG_KEY_SIZE,
  MAX_INPUT_TAG_VALUE_SIZE,
} from './limits.ts'
import { validateLength } from './validate-name.ts'

function required(value: unknown, message: string): void {
  if (value === undefined || value === null) throw StoreError.invalidParameter(message)
}

/**
 * Checks every dataset input: required dataset fields, field sizes, input tags.
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE`.
 * @example
 * validateDatasetInputs([{ tags: [], dataset: { name: 'train', digest: 'abc', sourceType: 'code', source: '{}' } }])
 */
export function validateDatasetInputs(inputs: readonly DatasetInput[]): void {
  for (const input of inputs) {
    const dataset = input?.dataset
    required(dataset, 'Dataset cannot be None')
    required(dataset.name, 'Dataset name cannot be None')
    required(dataset.digest, 'Dataset digest cannot be None')
    required(dataset.sourceType, 'Dataset source_type cannot be None')
    required(dataset.source, 'Dataset source cannot be None')
    validateLength({ what: 'name', limit: MAX_DATASET_NAME_SIZE, value: dataset.name })
    validateLength({ what: 'digest', limit: MAX_DATASET_DIGEST_SIZE, value: dataset.digest })
    validateLength({ what: 'source', limit: MAX_DATASET_SOURCE_SIZE, value: dataset.source })
    if (dataset.schema != null) {
      validateLength({ what: 'schema', limit: MAX_DATASET_SCHEMA_SIZE, value: dataset.schema })
    }
    if (dataset.profile != null) {
      validateLength({ what: 'profile', limit: MAX_DATASET_PROFILE_SIZE, value: dataset.profile })
    }
    for (const tag of input.tags ?? []) {
      required(tag, 'InputTag cannot be None')
      required(tag.key, 'InputTag key cannot be None')
      required(tag.value, 'InputTag value cannot be None')
      validateLength({ what: 'key', limit: MAX_INPUT_TAG_KEY_SIZE, value: tag.key })
      validateLength({ what: 'value', limit: MAX_INPUT_TAG_VALUE_SIZE, value: tag.value })
    }
  }
}
