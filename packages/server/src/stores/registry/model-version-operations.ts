/**
 * @module model-version-operations
 * Model versions once created: read, describe, move between stages, delete (softly: the row
 * stays in `Deleted_Internal` with its source and run redacted, so the number is never reused),
 * download location, and tags.
 */
import type { ModelVersion } from '@dspyflow/mlflow/protocol'
import type { SqlExecutor } from '../sql/sql-driver.ts'
import { sql } from '../sql/sql-fragment.ts'
import type { SqlStoreContext } from '../sql/sql-store-context.ts'
import { StoreError } from '../store-error.ts'
import { ACTIVE_STAGES, canonicalStage, STAGE_DELETED_INTERNAL } from './model-stages.ts'
import { requireModelVersionRow } from './registry-lookups.ts'
import { loadModelVersions } from './registry-rows.ts'
import type { ModelVersionKey } from './registry-store.ts'
import {
  parseModelVersion,
  validateModelName,
  validateModelVersionTag,
  validateRegistryTagKey,
} from './registry-validation.ts'

/**
 * Reads a version with its tags and aliases (not deleted).
 *
 * @example
 * const version = await loadModelVersion(executor, { name: 'qa', version: '1' })
 */
export async function loadModelVersion(
  executor: SqlExecutor,
  options: ModelVersionKey,
): Promise<ModelVersion> {
  const { row } = await requireModelVersionRow(executor, options)
  return (await loadModelVersions(executor, { rows: [row], withAliases: true }))[0] as ModelVersion
}

/** Reads a version; see {@link RegistryStore.getModelVersion}. */
export async function getModelVersion(
  context: SqlStoreContext,
  options: ModelVersionKey,
): Promise<ModelVersion> {
  return loadModelVersion(context.driver, options)
}

/** Sets a version's description; see {@link RegistryStore.updateModelVersion}. */
export async function updateModelVersion(
  context: SqlStoreContext,
  options: ModelVersionKey & { description?: string },
): Promise<ModelVersion> {
  return context.driver.transaction(async (executor) => {
    const { version } = await requireModelVersionRow(executor, options)
    await executor.execute(
      sql`UPDATE model_versions
          SET description = ${options.description ?? null}, last_updated_time = ${context.now()}
          WHERE name = ${options.name} AND version = ${version}`,
    )
    return loadModelVersion(executor, options)
  })
}

/** Moves a version to a stage; see {@link RegistryStore.transitionModelVersionStage}. */
export async function transitionModelVersionStage(
  context: SqlStoreContext,
  options: ModelVersionKey & { stage: string; archiveExistingVersions?: boolean },
): Promise<ModelVersion> {
  const stage = canonicalStage({ stage: options.stage })
  if (options.archiveExistingVersions === true && !ACTIVE_STAGES.includes(stage)) {
    // MLflow raises this without an error code (a 500); it is the caller's mistake.
    throw StoreError.invalidParameter(
      'Model version transition cannot archive existing model versions because ' +
        `'${options.stage}' is not an Active stage. Valid stages are ['Staging', 'Production']`,
    )
  }
  return context.driver.transaction(async (executor) => {
    const { version } = await requireModelVersionRow(executor, options)
    const now = context.now()
    if (options.archiveExistingVersions === true) {
      await executor.execute(
        sql`UPDATE model_versions SET current_stage = 'Archived', last_updated_time = ${now}
            WHERE name = ${options.name} AND version <> ${version} AND current_stage = ${stage}`,
      )
    }
    await executor.execute(
      sql`UPDATE model_versions SET current_stage = ${stage}, last_updated_time = ${now}
          WHERE name = ${options.name} AND version = ${version}`,
    )
    await executor.execute(
      sql`UPDATE registered_models SET last_updated_time = ${now} WHERE name = ${options.name}`,
    )
    return loadModelVersion(executor, options)
  })
}

/** Soft-deletes a version; see {@link RegistryStore.deleteModelVersion}. */
export async function deleteModelVersion(
  context: SqlStoreContext,
  options: ModelVersionKey,
): Promise<void> {
  await context.driver.transaction(async (executor) => {
    const { version } = await requireModelVersionRow(executor, options)
    const now = context.now()
    await executor.execute(
      sql`UPDATE registered_models SET last_updated_time = ${now} WHERE name = ${options.name}`,
    )
    await executor.execute(
      sql`DELETE FROM registered_model_aliases WHERE name = ${options.name} AND version = ${version}`,
    )
    await executor.execute(
      sql`UPDATE model_versions
          SET current_stage = ${STAGE_DELETED_INTERNAL}, last_updated_time = ${now},
              description = NULL, user_id = NULL, source = 'REDACTED-SOURCE-PATH',
              run_id = 'REDACTED-RUN-ID', run_link = 'REDACTED-RUN-LINK', status_message = NULL
          WHERE name = ${options.name} AND version = ${version}`,
    )
  })
}

/** Where a version's files are; see {@link RegistryStore.getModelVersionDownloadUri}. */
export async function getModelVersionDownloadUri(
  executor: SqlExecutor,
  options: ModelVersionKey,
): Promise<string> {
  const { row } = await requireModelVersionRow(executor, options)
  const location = row.storage_location
  if (typeof location === 'string' && location !== '') return location
  return String(row.source ?? '')
}

/** Upserts a version tag; see {@link RegistryStore.setModelVersionTag}. */
export async function setModelVersionTag(
  context: SqlStoreContext,
  options: ModelVersionKey & { key: string; value: string },
): Promise<void> {
  validateModelName({ name: options.name })
  parseModelVersion({ version: options.version })
  validateModelVersionTag({ key: options.key, value: options.value })
  await context.driver.transaction(async (executor) => {
    const { version } = await requireModelVersionRow(executor, options)
    await executor.execute(
      sql`INSERT INTO model_version_tags (name, version, key, value)
          VALUES (${options.name}, ${version}, ${options.key}, ${options.value})
          ON CONFLICT (name, version, key) DO UPDATE SET value = excluded.value`,
    )
  })
}

/** Deletes a version tag; see {@link RegistryStore.deleteModelVersionTag}. */
export async function deleteModelVersionTag(
  context: SqlStoreContext,
  options: ModelVersionKey & { key: string },
): Promise<void> {
  validateModelName({ name: options.name })
  parseModelVersion({ version: options.version })
  validateRegistryTagKey({ key: options.key })
  await context.driver.transaction(async (executor) => {
    const { version } = await requireModelVersionRow(executor, options)
    await executor.execute(
      sql`DELETE FROM model_version_tags
          WHERE name = ${options.name} AND version = ${version} AND key = ${options.key}`,
    )
  })
}
