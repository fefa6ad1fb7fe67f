/**
 * @module logged-model-operations
 * Creating, reading, finalizing and deleting logged models; their tags and params. Lookups for
 * writes see deleted models too, as in MLflow (only reads hide them).
 */
import {
  LOGGED_MODEL_STATUS_NUMBERS,
  type LoggedModel,
  type LoggedModelParameter,
  type LoggedModelStatus,
  type LoggedModelTag,
} from '@dspyflow/mlflow/protocol'
import { appendToUriPath } from '../artifact-uri.ts'
import { pythonRepr } from '../python-format.ts'
import { checkExperimentActive, requireExperimentRow } from '../sql/entity-lookups.ts'
import { toNumber } from '../sql/row-mappers.ts'
import type { SqlExecutor } from '../sql/sql-driver.ts'
import { sql } from '../sql/sql-fragment.ts'
import type { SqlStoreContext } from '../sql/sql-store-context.ts'
import { StoreError } from '../store-error.ts'
import type { CreateLoggedModelOptions } from './logged-model-store.ts'
import {
  findLoggedModelRow,
  loadLoggedModels,
  loggedModelNotFound,
  requireLoggedModelRow,
} from './logged-model-loader.ts'

const FORBIDDEN_NAME_CHARACTERS = ['/', ':', '.', '%', '"', "'"] as const

/**
 * Checks a logged model name: non-empty, none of `/ : . % " '` (MLflow's rule and message).
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE`.
 * @example
 * validateLoggedModelName('qa-agent') // ok
 */
export function validateLoggedModelName(name: string): void {
  if (name !== '' && !FORBIDDEN_NAME_CHARACTERS.some((char) => name.includes(char))) return
  const characters = `(${FORBIDDEN_NAME_CHARACTERS.map(pythonRepr).join(', ')})`
  throw StoreError.invalidParameter(
    `Invalid model name (${pythonRepr(name)}) provided. Model name must be a non-empty string ` +
      `and cannot contain the following characters: ${characters}`,
  )
}

/**
 * The `BAD_REQUEST` MLflow's SQL store answers when a write breaks a key (a repeated param or
 * tag key, a second value for a metric point, an unknown model id).
 *
 * @example
 * throw keyViolation('logged_model_params', "param key 'a' of model 'm-1' exists already")
 */
export function keyViolation(table: string, detail: string): StoreError {
  return new StoreError({
    code: 'BAD_REQUEST',
    message: `(IntegrityError) constraint of ${table} failed: ${detail}`,
  })
}

function firstRepeatedKey(items: readonly { key: string }[]): string | undefined {
  const seen = new Set<string>()
  for (const { key } of items) {
    if (seen.has(key)) return key
    seen.add(key)
  }
  return undefined
}

/** Creates a model; see {@link LoggedModelStore.createLoggedModel}. */
export async function createLoggedModel(
  context: SqlStoreContext,
  options: CreateLoggedModelOptions,
): Promise<LoggedModel> {
  if (options.name) validateLoggedModelName(options.name)
  const params = options.params ?? []
  const tags = options.tags ?? []
  return context.driver.transaction(async (executor) => {
    const experiment = await requireExperimentRow(executor, options.experimentId)
    checkExperimentActive(experiment)
    const experimentId = toNumber(experiment.experiment_id)
    const modelId = `m-${context.generateId()}`
    const repeatedParam = firstRepeatedKey(params)
    if (repeatedParam !== undefined) {
      throw keyViolation('logged_model_params', `key ${pythonRepr(repeatedParam)} given twice`)
    }
    const repeatedTag = firstRepeatedKey(tags)
    if (repeatedTag !== undefined) {
      throw keyViolation('logged_model_tags', `key ${pythonRepr(repeatedTag)} given twice`)
    }
    const now = context.now()
    const artifactLocation = appendToUriPath(
      String(experiment.artifact_location),
      'models',
      modelId,
      'artifacts',
    )
    await executor.execute(
      sql`INSERT INTO logged_models (model_id, experiment_id, name, artifact_location,
                                     creation_timestamp_ms, last_updated_timestamp_ms, status,
                                     lifecycle_stage, model_type, source_run_id, status_message)
          VALUES (${modelId}, ${experimentId}, ${options.name || context.generateRunName()},
                  ${artifactLocation}, ${now}, ${now}, ${LOGGED_MODEL_STATUS_NUMBERS.LOGGED_MODEL_PENDING},
                  'active', ${options.modelType ?? null}, ${options.sourceRunId ?? null}, NULL)`,
    )
    for (const param of params) {
      await executor.execute(
        sql`INSERT INTO logged_model_params (model_id, experiment_id, param_key, param_value)
            VALUES (${modelId}, ${experimentId}, ${param.key}, ${param.value ?? ''})`,
      )
    }
    for (const tag of tags) await upsertTag(executor, modelId, experimentId, tag)
    const row = await requireLoggedModelRow(executor, modelId)
    return (await loadLoggedModels(executor, [row]))[0] as LoggedModel
  })
}

async function upsertTag(
  executor: SqlExecutor,
  modelId: string,
  experimentId: number,
  tag: LoggedModelTag,
): Promise<void> {
  await executor.execute(
    sql`INSERT INTO logged_model_tags (model_id, experiment_id, tag_key, tag_value)
        VALUES (${modelId}, ${experimentId}, ${tag.key}, ${tag.value ?? ''})
        ON CONFLICT (model_id, tag_key) DO UPDATE SET tag_value = excluded.tag_value`,
  )
}

/** A model by id; deleted ones only with `allowDeleted`. */
export async function getLoggedModel(
  executor: SqlExecutor,
  options: { modelId: string; allowDeleted?: boolean },
): Promise<LoggedModel | undefined> {
  const row = await findLoggedModelRow(executor, {
    modelId: options.modelId,
    activeOnly: options.allowDeleted !== true,
  })
  return row ? (await loadLoggedModels(executor, [row]))[0] : undefined
}

/** Like {@link getLoggedModel}; "Logged model with ID '…' not found." when missing. */
export async function getLoggedModelOrThrow(
  executor: SqlExecutor,
  options: { modelId: string; allowDeleted?: boolean },
): Promise<LoggedModel> {
  const model = await getLoggedModel(executor, options)
  if (!model) throw loggedModelNotFound(options.modelId)
  return model
}

/** Sets a model's status; see {@link LoggedModelStore.finalizeLoggedModel}. */
export async function finalizeLoggedModel(
  context: SqlStoreContext,
  options: { modelId: string; status: LoggedModelStatus },
): Promise<LoggedModel> {
  return context.driver.transaction(async (executor) => {
    await requireLoggedModelRow(executor, options.modelId)
    await executor.execute(
      sql`UPDATE logged_models
          SET status = ${LOGGED_MODEL_STATUS_NUMBERS[options.status]},
              last_updated_timestamp_ms = ${context.now()}
          WHERE model_id = ${options.modelId}`,
    )
    const row = await requireLoggedModelRow(executor, options.modelId)
    return (await loadLoggedModels(executor, [row]))[0] as LoggedModel
  })
}

/** Soft-deletes a model. */
export async function deleteLoggedModel(
  context: SqlStoreContext,
  options: { modelId: string },
): Promise<void> {
  await context.driver.transaction(async (executor) => {
    await requireLoggedModelRow(executor, options.modelId)
    await executor.execute(
      sql`UPDATE logged_models
          SET lifecycle_stage = 'deleted', last_updated_timestamp_ms = ${context.now()}
          WHERE model_id = ${options.modelId}`,
    )
  })
}

/** Upserts tags; a key repeated in the list keeps its last value. */
export async function setLoggedModelTags(
  context: SqlStoreContext,
  options: { modelId: string; tags: LoggedModelTag[] },
): Promise<void> {
  const lastValues = new Map<string, string>()
  for (const tag of options.tags) lastValues.set(tag.key, tag.value ?? '')
  await context.driver.transaction(async (executor) => {
    const row = await requireLoggedModelRow(executor, options.modelId)
    const experimentId = toNumber(row.experiment_id)
    for (const [key, value] of lastValues) {
      await upsertTag(executor, options.modelId, experimentId, { key, value })
    }
  })
}

/** Deletes one tag; `RESOURCE_DOES_NOT_EXIST` when the model has no such tag. */
export async function deleteLoggedModelTag(
  context: SqlStoreContext,
  options: { modelId: string; key: string },
): Promise<void> {
  await context.driver.transaction(async (executor) => {
    await requireLoggedModelRow(executor, options.modelId)
    const result = await executor.execute(
      sql`DELETE FROM logged_model_tags WHERE model_id = ${options.modelId} AND tag_key = ${options.key}`,
    )
    if (result.changes === 0) {
      throw new StoreError({
        code: 'RESOURCE_DOES_NOT_EXIST',
        message:
          `No tag with key ${pythonRepr(options.key)} found for model with ID ` +
          `${pythonRepr(options.modelId)}.`,
      })
    }
  })
}

/** Adds params; a key the model (or the list) already has is `BAD_REQUEST`. */
export async function logLoggedModelParams(
  context: SqlStoreContext,
  options: { modelId: string; params: LoggedModelParameter[] },
): Promise<void> {
  await context.driver.transaction(async (executor) => {
    const row = await requireLoggedModelRow(executor, options.modelId)
    const experimentId = toNumber(row.experiment_id)
    for (const param of options.params) {
      const inserted = await executor.execute(
        sql`INSERT INTO logged_model_params (model_id, experiment_id, param_key, param_value)
            VALUES (${options.modelId}, ${experimentId}, ${param.key}, ${param.value ?? ''})
            ON CONFLICT (model_id, param_key) DO NOTHING`,
      )
      if (inserted.changes === 0) {
        throw keyViolation(
          'logged_model_params',
          `model ${pythonRepr(options.modelId)} already has a param ${pythonRepr(param.key)}`,
        )
      }
    }
  })
}
