/**
 * @module log-model-history
 * The legacy `runs/log-model` RPC (MLflow 2 style model logging): the model's MLmodel, as JSON,
 * is appended to the run tag `mlflow.log-model.history`, which the UI reads to list a run's
 * models.
 */
import { MlflowError } from '@dspyflow/mlflow/protocol'
import type { TrackingStore } from '../../stores/tracking-store.ts'

/** The run tag holding the JSON list of logged models. */
export const LOGGED_MODELS_TAG = 'mlflow.log-model.history'

const requiredFields = ['artifact_path', 'flavors', 'utc_time_created', 'run_id'] as const
const keptFields = ['run_id', 'utc_time_created', 'artifact_path', 'model_uuid']

/** Options of {@link appendLoggedModel}. */
export interface AppendLoggedModelOptions {
  trackingStore: TrackingStore
  runId: string
  /** The MLmodel as a JSON string, as the client sends it. */
  modelJson: string
}

/**
 * Validates the model JSON and appends its summary (MLflow's `Model.get_tags_dict()`: the run
 * id, creation time, artifact path, model uuid and flavors without their `config`) to the run's
 * `mlflow.log-model.history` tag.
 *
 * @throws MlflowError `INVALID_PARAMETER_VALUE` for JSON that is malformed or misses a
 *   mandatory field; the store's errors for unknown or deleted runs.
 * @example
 * await appendLoggedModel({ trackingStore, runId, modelJson: JSON.stringify(mlmodel) })
 */
export async function appendLoggedModel(options: AppendLoggedModelOptions): Promise<void> {
  const { trackingStore, runId, modelJson } = options
  const model = parseModel(modelJson)
  const run = await trackingStore.getRunOrThrow({ runId })
  const previous = run.data.tags.find((tag) => tag.key === LOGGED_MODELS_TAG)?.value
  const history = parseHistory(previous)
  history.push(tagsDict(model))
  await trackingStore.setTag({ runId, key: LOGGED_MODELS_TAG, value: JSON.stringify(history) })
}

function parseModel(modelJson: string): Record<string, unknown> {
  let model: unknown
  try {
    model = JSON.parse(modelJson)
  } catch (error) {
    throw MlflowError.invalidParameterValue(
      `Malformed model info. \n ${modelJson} \n is not a valid JSON.`,
      error,
    )
  }
  if (typeof model !== 'object' || model === null || Array.isArray(model)) {
    throw MlflowError.invalidParameterValue(
      `Malformed model info. \n ${modelJson} \n is not a valid JSON.`,
    )
  }
  const record = model as Record<string, unknown>
  const missing = requiredFields.filter((field) => !(field in record))
  if (missing.length > 0) {
    throw MlflowError.invalidParameterValue(
      `Model json is missing mandatory fields: {${missing.map((field) => `'${field}'`).join(', ')}}`,
    )
  }
  return record
}

function parseHistory(value: string | undefined): unknown[] {
  if (value === undefined || value === '') return []
  try {
    const parsed: unknown = JSON.parse(value)
    return Array.isArray(parsed) ? parsed : []
  } catch {
    return []
  }
}

function tagsDict(model: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {}
  for (const key of keptFields) if (key in model) result[key] = model[key]
  const flavors = model.flavors
  const summary: Record<string, unknown> = {}
  if (typeof flavors === 'object' && flavors !== null) {
    for (const [name, config] of Object.entries(flavors)) {
      summary[name] =
        typeof config === 'object' && config !== null && !Array.isArray(config)
          ? Object.fromEntries(Object.entries(config).filter(([key]) => key !== 'config'))
          : config
    }
  }
  result.flavors = summary
  return result
}
