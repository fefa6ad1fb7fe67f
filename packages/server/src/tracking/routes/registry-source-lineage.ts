/**
 * @module registry-source-lineage
 * A version registered from another version (`models:/<name>/<version|stage|latest>`,
 * `models:/<name>@<alias>`) keeps that version's lineage, as in MLflow 3.17: the source is
 * rewritten to `models:/<name>/<version>`, and the run id defaults to that version's (a run id
 * given explicitly must match it). Prompt versions cannot be sources.
 */
import { MlflowError } from '@dspyflow/mlflow/protocol'
import { parseModelUri, splitUri } from '../../stores/registry/model-uri.ts'
import type { RegistryStore } from '../../stores/registry/registry-store.ts'
import { IS_PROMPT_TAG_KEY } from '../../stores/registry/registry-validation.ts'
import type { NamedModelUri } from '../../stores/registry/resolve-model-uri.ts'
import { StoreError } from '../../stores/store-error.ts'

/** A version's source and lineage as the request gave them (`undefined` = not sent). */
export interface SourceLineage {
  source: string
  runId: string | undefined
  modelId: string | undefined
}

async function resolveVersion(
  registryStore: RegistryStore,
  parsed: NamedModelUri,
): Promise<string> {
  const { name } = parsed
  if (parsed.kind === 'version') return parsed.version
  if (parsed.kind === 'alias') {
    return (await registryStore.getModelVersionByAlias({ name, alias: parsed.alias })).version
  }
  const stages = parsed.kind === 'stage' ? [parsed.stage] : []
  const latest = await registryStore.getLatestVersions({ name, stages })
  if (latest.length === 0) {
    const stage = parsed.kind === 'stage' ? ` and stage '${parsed.stage}'` : ''
    // MLflow raises this without an error code (a 500); nothing matches, so a 404 here.
    throw new StoreError({
      code: 'RESOURCE_DOES_NOT_EXIST',
      message: `No versions of model with name '${name}'${stage} found`,
    })
  }
  return String(Math.max(...latest.map((version) => Number(version.version))))
}

/**
 * Resolves a `models:/` source naming a registered version; other sources come back as given.
 *
 * @throws MlflowError `INVALID_PARAMETER_VALUE` (another registry, a prompt, a run id that does
 *   not match), StoreError `RESOURCE_DOES_NOT_EXIST` (unknown model or version).
 * @example
 * await resolveSourceLineage({ registryStore, lineage: { source: 'models:/qa@champ',
 *   runId: undefined, modelId: undefined } })
 * // { source: 'models:/qa/2', runId: '<run of qa/2>', modelId: undefined }
 */
export async function resolveSourceLineage(options: {
  registryStore: RegistryStore
  lineage: SourceLineage
}): Promise<SourceLineage> {
  const { registryStore, lineage } = options
  const { source } = lineage
  const { scheme, netloc } = splitUri(source)
  if (scheme !== 'models') return lineage
  if (netloc !== '') {
    throw MlflowError.invalidParameterValue(
      `Invalid model version source: '${source}'. Registered model sources must use the active ` +
        'model registry.',
    )
  }
  let parsed: ReturnType<typeof parseModelUri>
  try {
    parsed = parseModelUri(source)
  } catch {
    throw MlflowError.invalidParameterValue(
      `Invalid model version source: '${source}'. The model_id request parameter must identify ` +
        'the resource that contains the source.',
    )
  }
  if (parsed.kind === 'model-id') return lineage
  const model = await registryStore.getRegisteredModel({ name: parsed.name })
  const promptTag = model.tags.find((tag) => tag.key === IS_PROMPT_TAG_KEY)
  if (promptTag?.value.toLowerCase() === 'true') {
    throw MlflowError.invalidParameterValue(
      `Invalid model version source: '${source}'. Prompt versions cannot be used as model ` +
        'version sources.',
    )
  }
  const version = await resolveVersion(registryStore, parsed)
  const target = await registryStore.getModelVersion({ name: parsed.name, version })
  if (
    (lineage.runId !== undefined && lineage.runId !== (target.runId ?? '')) ||
    (lineage.modelId !== undefined && lineage.modelId !== (target.modelId ?? ''))
  ) {
    throw MlflowError.invalidParameterValue(
      `Invalid model version source: '${source}'. The run_id and model_id request parameters ` +
        'must match the referenced model version.',
    )
  }
  return {
    source: `models:/${parsed.name}/${target.version}`,
    runId: lineage.runId ?? target.runId,
    modelId: lineage.modelId ?? target.modelId,
  }
}
