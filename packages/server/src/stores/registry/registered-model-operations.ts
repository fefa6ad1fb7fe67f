/**
 * @module registered-model-operations
 * Registered models: create, get, rename (with every version), update, delete (cascading), and
 * their tags. Timestamps follow MLflow: tag changes leave `last_updated_time` alone.
 */
import type { RegisteredModel, RegisteredModelTag } from '@dspyflow/mlflow/protocol'
import type { SqlExecutor } from '../sql/sql-driver.ts'
import { raw, sql } from '../sql/sql-fragment.ts'
import type { SqlStoreContext } from '../sql/sql-store-context.ts'
import { StoreError } from '../store-error.ts'
import { requireRegisteredModelRow } from './registry-lookups.ts'
import type { CreateRegisteredModelOptions } from './registry-store.ts'
import { loadRegisteredModels } from './registry-rows.ts'
import {
  IS_PROMPT_TAG_KEY,
  missingValue,
  validateModelName,
  validateRegisteredModelTag,
  validateRegistryTagKey,
} from './registry-validation.ts'

async function loadOne(executor: SqlExecutor, name: string): Promise<RegisteredModel> {
  const row = await requireRegisteredModelRow(executor, { name })
  return (await loadRegisteredModels(executor, { rows: [row] }))[0] as RegisteredModel
}

/** Tags by key, the last value of a repeated key winning (as MLflow's dict does). */
function dedupeTags(tags: readonly RegisteredModelTag[]): RegisteredModelTag[] {
  const byKey = new Map<string, string>()
  for (const tag of tags) byKey.set(tag.key, tag.value ?? '')
  return [...byKey].map(([key, value]) => ({ key, value }))
}

/**
 * MLflow's `RESOURCE_ALREADY_EXISTS` for a taken name, worded for models and prompts.
 *
 * @example
 * alreadyExists({ name: 'qa', existingIsPrompt: false, newIsPrompt: false }).message
 * // 'Registered Model (name=qa) already exists.'
 */
export function alreadyExists(options: {
  name: string
  existingIsPrompt: boolean
  newIsPrompt: boolean
}): StoreError {
  const existing = options.existingIsPrompt ? 'Prompt' : 'Registered Model'
  const created = options.newIsPrompt ? 'Prompt' : 'Registered Model'
  const message =
    existing === created
      ? `${created} (name=${options.name}) already exists.`
      : `Tried to create a ${created.toLowerCase()} with name '${options.name}', but the name is ` +
        `already taken by a ${existing.toLowerCase()}. MLflow does not allow creating a model ` +
        'and a prompt with the same name.'
  return new StoreError({ code: 'RESOURCE_ALREADY_EXISTS', message })
}

async function hasPromptTag(executor: SqlExecutor, name: string): Promise<boolean> {
  const result = await executor.execute(
    sql`SELECT 1 AS found FROM registered_model_tags WHERE name = ${name} AND key = ${IS_PROMPT_TAG_KEY}`,
  )
  return result.rows.length > 0
}

/** Creates a registered model; see {@link RegistryStore.createRegisteredModel}. */
export async function createRegisteredModel(
  context: SqlStoreContext,
  options: CreateRegisteredModelOptions,
): Promise<RegisteredModel> {
  const { name } = options
  validateModelName({ name })
  const tags = dedupeTags(options.tags ?? [])
  for (const tag of options.tags ?? []) validateRegisteredModelTag(tag)
  const newIsPrompt = tags.some((tag) => tag.key === IS_PROMPT_TAG_KEY)
  const taken = async () =>
    alreadyExists({
      name,
      existingIsPrompt: await hasPromptTag(context.driver, name),
      newIsPrompt,
    })
  try {
    return await context.driver.transaction(async (executor) => {
      const existing = await executor.execute(
        sql`SELECT 1 AS found FROM registered_models WHERE name = ${name}`,
      )
      if (existing.rows.length > 0) throw new TakenName()
      const now = context.now()
      await executor.execute(
        sql`INSERT INTO registered_models (name, creation_time, last_updated_time, description)
            VALUES (${name}, ${now}, ${now}, ${options.description ?? null})`,
      )
      for (const tag of tags) {
        await executor.execute(
          sql`INSERT INTO registered_model_tags (name, key, value)
              VALUES (${name}, ${tag.key}, ${tag.value})`,
        )
      }
      return loadOne(executor, name)
    })
  } catch (error) {
    if (error instanceof TakenName || context.dialect.isUniqueViolation(error)) throw await taken()
    throw error
  }
}

/** Signals, inside the transaction, that the name is taken (answered after the rollback). */
class TakenName extends Error {}

/** Reads a registered model; see {@link RegistryStore.getRegisteredModel}. */
export async function getRegisteredModel(
  context: SqlStoreContext,
  options: { name: string },
): Promise<RegisteredModel> {
  return loadOne(context.driver, options.name)
}

/** Renames a model and its versions; see {@link RegistryStore.renameRegisteredModel}. */
export async function renameRegisteredModel(
  context: SqlStoreContext,
  options: { name: string; newName: string },
): Promise<RegisteredModel> {
  const { name, newName } = options
  if (newName === undefined || String(newName).trim() === '') {
    throw StoreError.invalidParameter(missingValue('new_name'))
  }
  validateModelName({ name: newName })
  const clash = () =>
    new StoreError({
      code: 'RESOURCE_ALREADY_EXISTS',
      message: `Registered Model (name=${newName}) already exists.`,
    })
  try {
    return await context.driver.transaction(async (executor) => {
      await requireRegisteredModelRow(executor, { name })
      if (newName === name) return loadOne(executor, name)
      const taken = await executor.execute(
        sql`SELECT 1 AS found FROM registered_models WHERE name = ${newName}`,
      )
      if (taken.rows.length > 0) throw clash()
      const now = context.now()
      // The foreign keys cascade the new name to versions, tags and aliases; the updates after
      // it are no-ops then, and do the job on a connection without foreign-key enforcement.
      await executor.execute(
        sql`UPDATE registered_models SET name = ${newName}, last_updated_time = ${now}
            WHERE name = ${name}`,
      )
      await executor.execute(sql`UPDATE model_versions SET name = ${newName} WHERE name = ${name}`)
      await executor.execute(
        sql`UPDATE model_versions SET last_updated_time = ${now} WHERE name = ${newName}`,
      )
      for (const table of [
        'model_version_tags',
        'registered_model_tags',
        'registered_model_aliases',
      ]) {
        await executor.execute(sql`UPDATE ${raw(table)} SET name = ${newName} WHERE name = ${name}`)
      }
      return loadOne(executor, newName)
    })
  } catch (error) {
    if (context.dialect.isUniqueViolation(error)) throw clash()
    throw error
  }
}

/** Sets a model's description; see {@link RegistryStore.updateRegisteredModel}. */
export async function updateRegisteredModel(
  context: SqlStoreContext,
  options: { name: string; description?: string },
): Promise<RegisteredModel> {
  return context.driver.transaction(async (executor) => {
    await requireRegisteredModelRow(executor, { name: options.name })
    await executor.execute(
      sql`UPDATE registered_models
          SET description = ${options.description ?? null}, last_updated_time = ${context.now()}
          WHERE name = ${options.name}`,
    )
    return loadOne(executor, options.name)
  })
}

/** Deletes a model and everything under it; see {@link RegistryStore.deleteRegisteredModel}. */
export async function deleteRegisteredModel(
  context: SqlStoreContext,
  options: { name: string },
): Promise<void> {
  await context.driver.transaction(async (executor) => {
    await requireRegisteredModelRow(executor, { name: options.name })
    for (const table of [
      'model_version_tags',
      'registered_model_aliases',
      'registered_model_tags',
      'model_versions',
      'registered_models',
    ]) {
      await executor.execute(sql`DELETE FROM ${raw(table)} WHERE name = ${options.name}`)
    }
  })
}

/** Upserts a model tag; see {@link RegistryStore.setRegisteredModelTag}. */
export async function setRegisteredModelTag(
  context: SqlStoreContext,
  options: { name: string; key: string; value: string },
): Promise<void> {
  validateModelName({ name: options.name })
  validateRegisteredModelTag({ key: options.key, value: options.value ?? '' })
  await context.driver.transaction(async (executor) => {
    await requireRegisteredModelRow(executor, { name: options.name })
    await executor.execute(
      sql`INSERT INTO registered_model_tags (name, key, value)
          VALUES (${options.name}, ${options.key}, ${options.value ?? ''})
          ON CONFLICT (name, key) DO UPDATE SET value = excluded.value`,
    )
  })
}

/** Deletes a model tag; see {@link RegistryStore.deleteRegisteredModelTag}. */
export async function deleteRegisteredModelTag(
  context: SqlStoreContext,
  options: { name: string; key: string },
): Promise<void> {
  validateModelName({ name: options.name })
  validateRegistryTagKey({ key: options.key })
  await context.driver.transaction(async (executor) => {
    await requireRegisteredModelRow(executor, { name: options.name })
    await executor.execute(
      sql`DELETE FROM registered_model_tags WHERE name = ${options.name} AND key = ${options.key}`,
    )
  })
}
