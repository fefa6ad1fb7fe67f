/**
 * @module registry-rows
 * Registry rows → protocol entities, and the loaders that add what MLflow returns with them:
 * tags, aliases, and a registered model's newest version per stage. Lists of keys are sent in
 * chunks, so a page of 200000 versions never exceeds a database's parameter limit.
 */
import type { ModelVersion, ModelVersionStatus, RegisteredModel } from '@dspyflow/mlflow/protocol'
import type { SqlExecutor } from '../sql/sql-driver.ts'
import { joinSql, raw, type SqlFragment, sql, valueList } from '../sql/sql-fragment.ts'
import { type Row, toNumber, toOptionalNumber } from '../sql/row-mappers.ts'
import { STAGE_DELETED_INTERNAL } from './model-stages.ts'

/** The columns of `model_versions` the store selects, for a table aliased `mv`. */
export const MODEL_VERSION_COLUMNS = raw(
  'mv.name, mv.version, mv.creation_time, mv.last_updated_time, mv.description, mv.user_id, ' +
    'mv.current_stage, mv.source, mv.storage_location, mv.run_id, mv.run_link, mv.status, ' +
    'mv.status_message',
)

/** The columns of `registered_models` the store selects, for a table aliased `rm`. */
export const REGISTERED_MODEL_COLUMNS = raw(
  'rm.name, rm.creation_time, rm.last_updated_time, rm.description',
)

/** How many keys one `IN (…)` list carries. */
const CHUNK_SIZE = 400

function chunks<T>(items: readonly T[]): T[][] {
  const result: T[][] = []
  for (let start = 0; start < items.length; start += CHUNK_SIZE) {
    result.push(items.slice(start, start + CHUNK_SIZE))
  }
  return result
}

function optionalString(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : String(value)
}

function versionKey(name: string, version: number): string {
  return `${version}\u0000${name}`
}

/**
 * A `model_versions` row as a model version without tags and aliases.
 *
 * @example
 * toModelVersion(row).version // '1'
 */
export function toModelVersion(row: Row): ModelVersion {
  const version: ModelVersion = {
    name: String(row.name),
    version: String(toNumber(row.version)),
    creationTimestamp: toOptionalNumber(row.creation_time),
    lastUpdatedTimestamp: toOptionalNumber(row.last_updated_time),
    userId: optionalString(row.user_id),
    currentStage: optionalString(row.current_stage),
    description: optionalString(row.description),
    source: optionalString(row.source),
    runId: optionalString(row.run_id),
    status: optionalString(row.status) as ModelVersionStatus | undefined,
    tags: [],
    runLink: optionalString(row.run_link),
    aliases: [],
  }
  const statusMessage = optionalString(row.status_message)
  if (statusMessage !== undefined && statusMessage !== '') version.statusMessage = statusMessage
  return version
}

/**
 * Loads model versions from their rows with their tags, and their aliases when `withAliases`
 * (single-version reads; searches and `latestVersions` leave them empty, as MLflow does).
 *
 * @example
 * const versions = await loadModelVersions(executor, { rows, withAliases: true })
 */
export async function loadModelVersions(
  executor: SqlExecutor,
  options: { rows: readonly Row[]; withAliases: boolean },
): Promise<ModelVersion[]> {
  const versions = options.rows.map(toModelVersion)
  if (versions.length === 0) return versions
  const byKey = new Map<string, ModelVersion>()
  for (const version of versions)
    byKey.set(versionKey(version.name, Number(version.version)), version)
  for (const part of chunks(versions)) {
    const pairs = joinSql(
      part.map((version) => sql`(${version.name}, ${Number(version.version)})`),
      ', ',
    )
    const tags = await executor.execute(
      sql`SELECT name, version, key, value FROM model_version_tags
          WHERE (name, version) IN (${pairs}) ORDER BY key`,
    )
    for (const row of tags.rows) {
      byKey
        .get(versionKey(String(row.name), toNumber(row.version)))
        ?.tags.push({ key: String(row.key), value: optionalString(row.value) ?? '' })
    }
  }
  if (options.withAliases) {
    const names = [...new Set(versions.map((version) => version.name))]
    for (const part of chunks(names)) {
      const aliases = await executor.execute(
        sql`SELECT name, alias, version FROM registered_model_aliases
            WHERE name IN ${valueList(part)} ORDER BY alias`,
      )
      for (const row of aliases.rows) {
        byKey
          .get(versionKey(String(row.name), toNumber(row.version)))
          ?.aliases.push(String(row.alias))
      }
    }
  }
  return versions
}

/**
 * The newest (not deleted) version of each stage of each model, per model in the order MLflow
 * lists them (stages by their oldest version), with aliases only when `withAliases`.
 *
 * @example
 * const latest = await loadLatestVersions(executor, { names: ['qa'] })
 * latest.get('qa') // [ModelVersion, ...]
 */
export async function loadLatestVersions(
  executor: SqlExecutor,
  options: { names: readonly string[]; withAliases?: boolean },
): Promise<Map<string, ModelVersion[]>> {
  const result = new Map<string, ModelVersion[]>()
  for (const part of chunks(options.names)) {
    const rows = await executor.execute(
      sql`SELECT ${MODEL_VERSION_COLUMNS}, s.first_version
          FROM model_versions mv
          JOIN (SELECT name, current_stage, MIN(version) AS first_version,
                       MAX(version) AS last_version
                FROM model_versions
                WHERE name IN ${valueList(part)} AND current_stage <> ${STAGE_DELETED_INTERNAL}
                GROUP BY name, current_stage) s
            ON s.name = mv.name AND s.last_version = mv.version
          ORDER BY mv.name, s.first_version`,
    )
    const versions = await loadModelVersions(executor, {
      rows: rows.rows,
      withAliases: options.withAliases === true,
    })
    for (const version of versions) {
      const list = result.get(version.name) ?? []
      list.push(version)
      result.set(version.name, list)
    }
  }
  return result
}

/**
 * Loads registered models from their rows, with tags, aliases and latest versions.
 *
 * @example
 * const [model] = await loadRegisteredModels(executor, { rows: [row] })
 */
export async function loadRegisteredModels(
  executor: SqlExecutor,
  options: { rows: readonly Row[] },
): Promise<RegisteredModel[]> {
  const models: RegisteredModel[] = options.rows.map((row) => {
    const model: RegisteredModel = {
      name: String(row.name),
      creationTimestamp: toOptionalNumber(row.creation_time),
      lastUpdatedTimestamp: toOptionalNumber(row.last_updated_time),
      latestVersions: [],
      tags: [],
      aliases: [],
    }
    const description = optionalString(row.description)
    if (description) model.description = description
    return model
  })
  if (models.length === 0) return models
  const byName = new Map(models.map((model) => [model.name, model]))
  const names = [...byName.keys()]
  for (const part of chunks(names)) {
    const list = valueList(part)
    const tags = await executor.execute(
      sql`SELECT name, key, value FROM registered_model_tags WHERE name IN ${list} ORDER BY key`,
    )
    for (const row of tags.rows) {
      byName
        .get(String(row.name))
        ?.tags.push({ key: String(row.key), value: optionalString(row.value) ?? '' })
    }
    const aliases = await executor.execute(
      sql`SELECT name, alias, version FROM registered_model_aliases
          WHERE name IN ${list} ORDER BY alias`,
    )
    for (const row of aliases.rows) {
      byName
        .get(String(row.name))
        ?.aliases.push({ alias: String(row.alias), version: String(toNumber(row.version)) })
    }
  }
  const latest = await loadLatestVersions(executor, { names })
  for (const [name, versions] of latest) {
    const model = byName.get(name)
    if (model) model.latestVersions = versions
  }
  return models
}

/** `WHERE` conditions joined with `AND` (or `1 = 1` when there are none). */
export function whereAll(conditions: readonly SqlFragment[]): SqlFragment {
  return conditions.length === 0 ? raw('1 = 1') : joinSql(conditions, ' AND ')
}
