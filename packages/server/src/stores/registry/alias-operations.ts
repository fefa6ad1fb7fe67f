/**
 * @module alias-operations
 * Aliases (named pointers to versions) and the latest version per stage: set, delete and
 * resolve an alias, where `latest` (any case) always means the highest version.
 */
import { MODEL_VERSION_STAGES, type ModelVersion } from '@dspyflow/mlflow/protocol'
import type { SqlExecutor } from '../sql/sql-driver.ts'
import { sql } from '../sql/sql-fragment.ts'
import type { SqlStoreContext } from '../sql/sql-store-context.ts'
import { toNumber } from '../sql/row-mappers.ts'
import { StoreError } from '../store-error.ts'
import { canonicalStage } from './model-stages.ts'
import { loadModelVersion } from './model-version-operations.ts'
import { requireModelVersionRow, requireRegisteredModelRow } from './registry-lookups.ts'
import { loadLatestVersions } from './registry-rows.ts'
import {
  parseModelVersion,
  validateAliasName,
  validateAliasNotReserved,
  validateModelName,
} from './registry-validation.ts'

/**
 * The newest version of each requested stage; see {@link RegistryStore.getLatestVersions}.
 *
 * @example
 * const [production] = await getLatestVersions(executor, { name: 'qa', stages: ['production'] })
 */
export async function getLatestVersions(
  executor: SqlExecutor,
  options: { name: string; stages?: readonly string[] },
): Promise<ModelVersion[]> {
  await requireRegisteredModelRow(executor, { name: options.name })
  const stages = options.stages ?? []
  const wanted = new Set<string>(
    stages.length === 0 ? MODEL_VERSION_STAGES : stages.map((stage) => canonicalStage({ stage })),
  )
  const latest = await loadLatestVersions(executor, { names: [options.name], withAliases: true })
  return (latest.get(options.name) ?? []).filter((version) =>
    wanted.has(version.currentStage ?? ''),
  )
}

/** Points an alias at a version; see {@link RegistryStore.setRegisteredModelAlias}. */
export async function setRegisteredModelAlias(
  context: SqlStoreContext,
  options: { name: string; alias: string; version: string | number },
): Promise<void> {
  validateModelName({ name: options.name })
  validateAliasName({ alias: options.alias })
  validateAliasNotReserved({ alias: options.alias })
  parseModelVersion({ version: options.version })
  await context.driver.transaction(async (executor) => {
    const { version } = await requireModelVersionRow(executor, options)
    await executor.execute(
      sql`INSERT INTO registered_model_aliases (name, alias, version)
          VALUES (${options.name}, ${options.alias}, ${version})
          ON CONFLICT (name, alias) DO UPDATE SET version = excluded.version`,
    )
  })
}

/** Removes an alias; see {@link RegistryStore.deleteRegisteredModelAlias}. */
export async function deleteRegisteredModelAlias(
  context: SqlStoreContext,
  options: { name: string; alias: string },
): Promise<void> {
  validateModelName({ name: options.name })
  validateAliasName({ alias: options.alias })
  await context.driver.transaction(async (executor) => {
    await requireRegisteredModelRow(executor, { name: options.name })
    await executor.execute(
      sql`DELETE FROM registered_model_aliases
          WHERE name = ${options.name} AND alias = ${options.alias}`,
    )
  })
}

/**
 * The version an alias points to; see {@link RegistryStore.getModelVersionByAlias}.
 *
 * @example
 * const version = await getModelVersionByAlias(executor, { name: 'qa', alias: 'champion' })
 */
export async function getModelVersionByAlias(
  executor: SqlExecutor,
  options: { name: string; alias: string },
): Promise<ModelVersion> {
  validateModelName({ name: options.name })
  validateAliasName({ alias: options.alias })
  if (options.alias.toLowerCase() === 'latest') {
    return highestVersion(await getLatestVersions(executor, { name: options.name }), options.name)
  }
  await requireRegisteredModelRow(executor, { name: options.name })
  const result = await executor.execute(
    sql`SELECT version FROM registered_model_aliases
        WHERE name = ${options.name} AND alias = ${options.alias}`,
  )
  const row = result.rows[0]
  if (row === undefined) {
    throw StoreError.invalidParameter(`Registered model alias ${options.alias} not found.`)
  }
  return loadModelVersion(executor, { name: options.name, version: toNumber(row.version) })
}

/**
 * The highest of a model's latest versions.
 *
 * @throws StoreError `RESOURCE_DOES_NOT_EXIST` when the model has no version.
 * @example
 * highestVersion(await getLatestVersions(executor, { name: 'qa' }), 'qa')
 */
export function highestVersion(versions: readonly ModelVersion[], name: string): ModelVersion {
  let best: ModelVersion | undefined
  for (const version of versions) {
    if (best === undefined || Number(version.version) > Number(best.version)) best = version
  }
  if (best === undefined) {
    throw new StoreError({
      code: 'RESOURCE_DOES_NOT_EXIST',
      message: `Latest version not found for model ${name}.`,
    })
  }
  return best
}
