/**
 * @module experiment-operations
 * Creating, reading, renaming, tagging, deleting and restoring experiments.
 */
import type { Experiment, ExperimentTag } from '@dspyflow/mlflow/protocol'
import { appendToUriPath, resolveLocalUri } from '../artifact-uri.ts'
import { StoreError } from '../store-error.ts'
import type { CreateExperimentOptions } from '../tracking-store.ts'
import {
  validateArtifactLocation,
  validateExperimentName,
  validateExperimentTag,
} from '../validation/validate-entities.ts'
import { checkExperimentActive, findExperimentRow, requireExperimentRow } from './entity-lookups.ts'
import { chunk, EXPERIMENT_COLUMNS, type Row, toExperiment, toNumber } from './row-mappers.ts'
import type { SqlExecutor } from './sql-driver.ts'
import { raw, sql, valueList } from './sql-fragment.ts'
import type { SqlStoreContext } from './sql-store-context.ts'

/** The name of the experiment every store starts with, id `'0'`. */
export const DEFAULT_EXPERIMENT_NAME = 'Default'

function driverMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** Creates the Default experiment (id 0) unless it exists. */
export async function ensureDefaultExperiment(context: SqlStoreContext): Promise<void> {
  const existing = await context.driver.execute(
    sql`SELECT experiment_id FROM experiments WHERE experiment_id = ${0}`,
  )
  if (existing.rows.length > 0) return
  const time = context.now()
  await context.driver.execute(
    sql`INSERT INTO experiments
          (experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time)
        VALUES (${0}, ${DEFAULT_EXPERIMENT_NAME}, ${appendToUriPath(context.defaultArtifactRoot, '0')},
                'active', ${time}, ${time})
        ON CONFLICT DO NOTHING`,
  )
}

/** Creates an experiment; see {@link TrackingStore.createExperiment}. */
export async function createExperiment(
  context: SqlStoreContext,
  options: CreateExperimentOptions,
): Promise<string> {
  const { name } = options
  validateExperimentName(name)
  let artifactLocation = options.artifactLocation || undefined
  if (artifactLocation !== undefined) {
    artifactLocation = resolveLocalUri(artifactLocation)
    validateArtifactLocation(artifactLocation)
  }
  const tags = options.tags ?? []
  for (const tag of tags) validateExperimentTag(tag)
  return context.driver.transaction(async (executor) => {
    const time = context.now()
    let inserted: Row | undefined
    try {
      const result = await executor.execute(
        sql`INSERT INTO experiments (name, artifact_location, lifecycle_stage, creation_time, last_update_time)
            VALUES (${name}, ${artifactLocation ?? null}, 'active', ${time}, ${time})
            RETURNING experiment_id`,
      )
      inserted = result.rows[0]
    } catch (error) {
      if (!context.dialect.isUniqueViolation(error)) throw error
      throw new StoreError({
        code: 'RESOURCE_ALREADY_EXISTS',
        message: `Experiment(name=${name}) already exists. Error: ${driverMessage(error)}`,
        cause: error,
      })
    }
    const experimentId = String(toNumber(inserted?.experiment_id))
    if (artifactLocation === undefined) {
      await executor.execute(
        sql`UPDATE experiments SET artifact_location = ${appendToUriPath(context.defaultArtifactRoot, experimentId)}
            WHERE experiment_id = ${Number(experimentId)}`,
      )
    }
    await upsertExperimentTags(executor, Number(experimentId), tags)
    return experimentId
  })
}

async function upsertExperimentTags(
  executor: SqlExecutor,
  experimentId: number,
  tags: readonly ExperimentTag[],
): Promise<void> {
  for (const tag of tags) {
    await executor.execute(
      sql`INSERT INTO experiment_tags (key, value, experiment_id) VALUES (${tag.key}, ${tag.value ?? ''}, ${experimentId})
          ON CONFLICT (key, experiment_id) DO UPDATE SET value = excluded.value`,
    )
  }
}

/** Experiments by row, with their tags, in the rows' order. */
export async function loadExperiments(executor: SqlExecutor, rows: Row[]): Promise<Experiment[]> {
  const tagsById = new Map<string, ExperimentTag[]>()
  const ids = rows.map((row) => toNumber(row.experiment_id))
  for (const part of chunk(ids, 500)) {
    const result = await executor.execute(
      sql`SELECT experiment_id, key, value FROM experiment_tags
          WHERE experiment_id IN ${valueList(part)} ORDER BY key`,
    )
    for (const tag of result.rows) {
      const id = String(toNumber(tag.experiment_id))
      const list = tagsById.get(id) ?? []
      list.push({ key: String(tag.key), value: String(tag.value ?? '') })
      tagsById.set(id, list)
    }
  }
  return rows.map((row) =>
    toExperiment(row, tagsById.get(String(toNumber(row.experiment_id))) ?? []),
  )
}

/** An experiment by id in any stage, or undefined. */
export async function getExperiment(
  context: SqlStoreContext,
  experimentId: string,
): Promise<Experiment | undefined> {
  const row = await findExperimentRow(context.driver, experimentId)
  return row ? (await loadExperiments(context.driver, [row]))[0] : undefined
}

/** An experiment by exact name in any stage, or undefined. */
export async function getExperimentByName(
  context: SqlStoreContext,
  name: string,
): Promise<Experiment | undefined> {
  const result = await context.driver.execute(
    sql`SELECT ${raw(EXPERIMENT_COLUMNS)} FROM experiments e WHERE e.name = ${name}`,
  )
  const row = result.rows[0]
  return row ? (await loadExperiments(context.driver, [row]))[0] : undefined
}

/** Renames an active experiment. */
export async function renameExperiment(
  context: SqlStoreContext,
  options: { experimentId: string; newName: string },
): Promise<void> {
  validateExperimentName(options.newName)
  await context.driver.transaction(async (executor) => {
    const row = await requireExperimentRow(executor, options.experimentId)
    if (row.lifecycle_stage !== 'active') {
      throw new StoreError({
        code: 'INVALID_STATE',
        message: 'Cannot rename a non-active experiment.',
      })
    }
    try {
      await executor.execute(
        sql`UPDATE experiments SET name = ${options.newName}, last_update_time = ${context.now()}
            WHERE experiment_id = ${toNumber(row.experiment_id)}`,
      )
    } catch (error) {
      if (!context.dialect.isUniqueViolation(error)) throw error
      throw new StoreError({
        code: 'BAD_REQUEST',
        message: `Experiment(name=${options.newName}) already exists. Error: ${driverMessage(error)}`,
        cause: error,
      })
    }
  })
}

/** Upserts a tag on an active experiment. */
export async function setExperimentTag(
  context: SqlStoreContext,
  options: { experimentId: string; key: string; value: string },
): Promise<void> {
  const tag = { key: options.key, value: options.value ?? '' }
  validateExperimentTag(tag)
  await context.driver.transaction(async (executor) => {
    const row = await requireExperimentRow(executor, options.experimentId)
    checkExperimentActive(row)
    await upsertExperimentTags(executor, toNumber(row.experiment_id), [tag])
  })
}

/** Deletes a tag of an active experiment; `RESOURCE_DOES_NOT_EXIST` if absent. */
export async function deleteExperimentTag(
  context: SqlStoreContext,
  options: { experimentId: string; key: string },
): Promise<void> {
  await context.driver.transaction(async (executor) => {
    const row = await requireExperimentRow(executor, options.experimentId)
    checkExperimentActive(row)
    const result = await executor.execute(
      sql`DELETE FROM experiment_tags
          WHERE experiment_id = ${toNumber(row.experiment_id)} AND key = ${options.key}`,
    )
    if (result.changes === 0) {
      throw new StoreError({
        code: 'RESOURCE_DOES_NOT_EXIST',
        message: `No tag with name: ${options.key} in experiment with id ${options.experimentId}`,
      })
    }
  })
}

/** Soft-deletes an active experiment and marks all its runs deleted. */
export async function deleteExperiment(
  context: SqlStoreContext,
  options: { experimentId: string },
): Promise<void> {
  await context.driver.transaction(async (executor) => {
    const row = await requireExperimentRow(executor, options.experimentId, ['active'])
    const id = toNumber(row.experiment_id)
    const time = context.now()
    await executor.execute(
      sql`UPDATE experiments SET lifecycle_stage = 'deleted', last_update_time = ${time}
          WHERE experiment_id = ${id}`,
    )
    await executor.execute(
      sql`UPDATE runs SET lifecycle_stage = 'deleted', deleted_time = ${time} WHERE experiment_id = ${id}`,
    )
  })
}

/** Restores a deleted experiment and all its runs. */
export async function restoreExperiment(
  context: SqlStoreContext,
  options: { experimentId: string },
): Promise<void> {
  await context.driver.transaction(async (executor) => {
    const row = await requireExperimentRow(executor, options.experimentId, ['deleted'])
    const id = toNumber(row.experiment_id)
    await executor.execute(
      sql`UPDATE experiments SET lifecycle_stage = 'active', last_update_time = ${context.now()}
          WHERE experiment_id = ${id}`,
    )
    await executor.execute(
      sql`UPDATE runs SET lifecycle_stage = 'active', deleted_time = NULL WHERE experiment_id = ${id}`,
    )
  })
}
