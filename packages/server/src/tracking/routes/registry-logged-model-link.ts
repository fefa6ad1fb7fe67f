/**
 * @module registry-logged-model-link
 * After registering a version from a logged model, MLflow's server records it on the logged
 * model: the tag `mlflow.modelVersions` holds a JSON list of `{"name", "version"}` entries.
 */
import type { LoggedModelLookup } from '../../stores/registry/registry-store.ts'
import { loggedModelNotFound } from '../../stores/registry/create-model-version.ts'

/** The logged-model tag listing the versions registered from the model. */
export const MODEL_VERSIONS_TAG = 'mlflow.modelVersions'

/**
 * JSON as Python's `json.dumps` writes it by default (`", "` and `": "` separators, non-ASCII
 * escaped), so tags read the same as the reference server's.
 *
 * @example
 * pythonStyleJson([{ name: 'qa', version: 1 }]) // '[{"name": "qa", "version": 1}]'
 */
export function pythonStyleJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pythonStyleJson).join(', ')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
    return `{${entries.map(([key, item]) => `${pythonStyleJson(key)}: ${pythonStyleJson(item)}`).join(', ')}}`
  }
  const text = JSON.stringify(value) ?? 'null'
  return text.replace(
    /[\u007f-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}

function sameEntry(a: unknown, b: { name: string; version: number }): boolean {
  if (a === null || typeof a !== 'object' || Array.isArray(a)) return false
  const record = a as Record<string, unknown>
  const keys = Object.keys(record)
  return (
    keys.length === 2 &&
    record.name === b.name &&
    record.version === b.version &&
    'version' in record
  )
}

/**
 * Adds a registered version to the logged model's `mlflow.modelVersions` tag (MLflow keeps
 * only the new entry when the list already holds it). Does nothing when the logged-model store
 * cannot set tags.
 *
 * @throws StoreError `RESOURCE_DOES_NOT_EXIST` when the logged model is unknown.
 * @example
 * await linkVersionToLoggedModel({ loggedModels, modelId: 'm-1', name: 'qa', version: 2 })
 */
export async function linkVersionToLoggedModel(options: {
  loggedModels: LoggedModelLookup | undefined
  modelId: string
  name: string
  version: number
}): Promise<void> {
  const { loggedModels, modelId } = options
  if (loggedModels?.setLoggedModelTags === undefined) return
  const model = await loggedModels.getLoggedModel({ modelId })
  if (model === undefined) throw loggedModelNotFound(modelId)
  const entry = { name: options.name, version: options.version }
  let entries: unknown[] = [entry]
  const existing = model.info.tags?.find((tag) => tag.key === MODEL_VERSIONS_TAG)?.value
  if (existing) {
    try {
      const parsed: unknown = JSON.parse(existing)
      if (Array.isArray(parsed) && !parsed.some((item) => sameEntry(item, entry))) {
        entries = [...parsed, entry]
      }
    } catch {
      // An unreadable list is replaced, rather than failing a registration that succeeded.
    }
  }
  await loggedModels.setLoggedModelTags({
    modelId,
    tags: [{ key: MODEL_VERSIONS_TAG, value: pythonStyleJson(entries) }],
  })
}
