/**
 * @module create-model-version
 * Registering a model version: the next number (highest ever used + 1, deleted versions
 * included), `READY` at once in stage `None`. A `models:/` source is resolved to the location
 * clients download from: a logged model's artifact location (through the logged-model store,
 * which also supplies the default run id) or another version's download location.
 */
import type { ModelVersion } from '@dspyflow/mlflow/protocol'
import type { SqlExecutor } from '../sql/sql-driver.ts'
import { sql } from '../sql/sql-fragment.ts'
import type { SqlStoreContext } from '../sql/sql-store-context.ts'
import { toNumber } from '../sql/row-mappers.ts'
import { StoreError } from '../store-error.ts'
import { loadModelVersion, getModelVersionDownloadUri } from './model-version-operations.ts'
import { type NamedModelUri, resolveModelUriVersion } from './resolve-model-uri.ts'
import { parseModelUri, splitUri } from './model-uri.ts'
import { requireRegisteredModelRow } from './registry-lookups.ts'
import type { CreateModelVersionOptions, LoggedModelLookup } from './registry-store.ts'
import { validateModelName, validateModelVersionTag } from './registry-validation.ts'

/** How often creation is retried when a concurrent writer took the same number. */
const ATTEMPTS = 3

/**
 * MLflow's error for a logged model id that names nothing.
 *
 * @example
 * loggedModelNotFound('m-1').message // "Logged model with ID 'm-1' not found."
 */
export function loggedModelNotFound(modelId: string): StoreError {
  return new StoreError({
    code: 'RESOURCE_DOES_NOT_EXIST',
    message: `Logged model with ID '${modelId}' not found.`,
  })
}

/**
 * A logged model through the lookup, or `RESOURCE_DOES_NOT_EXIST`.
 *
 * @example
 * const model = await requireLoggedModel({ loggedModels, modelId: 'm-0123' })
 */
export async function requireLoggedModel(options: {
  loggedModels: LoggedModelLookup | undefined
  modelId: string
}) {
  const model = await options.loggedModels?.getLoggedModel({ modelId: options.modelId })
  if (model === undefined) throw loggedModelNotFound(options.modelId)
  return model
}

async function resolveSource(
  executor: SqlExecutor,
  options: CreateModelVersionOptions,
): Promise<{ storageLocation: string; runId: string | undefined }> {
  const { source } = options
  if (splitUri(source).scheme !== 'models') {
    return { storageLocation: source, runId: options.runId }
  }
  try {
    const parsed = parseModelUri(source)
    if (parsed.kind === 'model-id') {
      const model = await requireLoggedModel({
        loggedModels: options.loggedModels,
        modelId: parsed.modelId,
      })
      return {
        storageLocation: model.info.artifactUri,
        runId: options.runId || model.info.sourceRunId,
      }
    }
    const target = await resolveModelUriVersion(executor, parsed as NamedModelUri)
    return {
      storageLocation: await getModelVersionDownloadUri(executor, target),
      runId: options.runId,
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw StoreError.invalidParameter(
      `Unable to fetch model from model URI source artifact location '${source}'.Error: ${reason}`,
      error,
    )
  }
}

/** Registers a new version; see {@link RegistryStore.createModelVersion}. */
export async function createModelVersion(
  context: SqlStoreContext,
  options: CreateModelVersionOptions,
): Promise<ModelVersion> {
  validateModelName({ name: options.name })
  for (const tag of options.tags ?? []) validateModelVersionTag(tag)
  const resolved = await resolveSource(context.driver, options)
  let runId = resolved.runId
  if (!runId && options.modelId) {
    const model = await requireLoggedModel({
      loggedModels: options.loggedModels,
      modelId: options.modelId,
    })
    runId = model.info.sourceRunId
  }
  const tags = new Map<string, string>()
  for (const tag of options.tags ?? []) tags.set(tag.key, tag.value)
  for (let attempt = 1; ; attempt++) {
    try {
      return await context.driver.transaction(async (executor) => {
        await requireRegisteredModelRow(executor, { name: options.name })
        const now = context.now()
        // Updating the model first also locks its row (PostgreSQL), serialising numbering.
        await executor.execute(
          sql`UPDATE registered_models SET last_updated_time = ${now} WHERE name = ${options.name}`,
        )
        const max = await executor.execute(
          sql`SELECT MAX(version) AS max_version FROM model_versions WHERE name = ${options.name}`,
        )
        const previous = max.rows[0]?.max_version
        const version = (previous === null || previous === undefined ? 0 : toNumber(previous)) + 1
        await executor.execute(
          sql`INSERT INTO model_versions (name, version, creation_time, last_updated_time,
                description, current_stage, source, storage_location, run_id, run_link, status)
              VALUES (${options.name}, ${version}, ${now}, ${now}, ${options.description ?? null},
                'None', ${options.source}, ${resolved.storageLocation}, ${runId ?? null},
                ${options.runLink ?? null}, 'READY')`,
        )
        for (const [key, value] of tags) {
          await executor.execute(
            sql`INSERT INTO model_version_tags (name, version, key, value)
                VALUES (${options.name}, ${version}, ${key}, ${value})`,
          )
        }
        return loadModelVersion(executor, { name: options.name, version })
      })
    } catch (error) {
      if (attempt >= ATTEMPTS || !context.dialect.isUniqueViolation(error)) throw error
    }
  }
}
