/**
 * @module run-operations
 * Creating, reading, updating, deleting and restoring runs; params and tags one at a time.
 */
import type { Run, RunInfo, RunTag } from '@dspyflow/mlflow/protocol'
import { appendToUriPath } from '../artifact-uri.ts'
import { StoreError } from '../store-error.ts'
import type { CreateRunOptions, UpdateRunOptions } from '../tracking-store.ts'
import { validateParam, validateRunTag } from '../validation/validate-entities.ts'
import {
  checkExperimentActive,
  findRunRow,
  requireActiveRunRow,
  requireExperimentRow,
  requireRunRow,
} from './entity-lookups.ts'
import { loadRuns } from './run-loader.ts'
import { toNumber, toRunInfo } from './row-mappers.ts'
import type { SqlExecutor } from './sql-driver.ts'
import { sql } from './sql-fragment.ts'
import type { SqlStoreContext } from './sql-store-context.ts'

/** The tag that holds a run's display name. */
export const RUN_NAME_TAG = 'mlflow.runName'
/** The tag that makes a run the child of another. */
export const PARENT_RUN_ID_TAG = 'mlflow.parentRunId'

/** Creates a run; see {@link TrackingStore.createRun}. */
export async function createRun(context: SqlStoreContext, options: CreateRunOptions): Promise<Run> {
  const tagsByKey = new Map<string, string>()
  ;(options.tags ?? []).forEach((tag, index) => {
    const valid = validateRunTag({
      tag,
      path: `tags[${index}]`,
      truncate: context.truncateLongValues,
    })
    tagsByKey.set(valid.key, valid.value)
  })
  const runNameTag = tagsByKey.get(RUN_NAME_TAG)
  if (options.runName && runNameTag && options.runName !== runNameTag) {
    throw StoreError.invalidParameter(
      "Both 'run_name' argument and 'mlflow.runName' tag are specified, but with different " +
        `values (run_name='${options.runName}', mlflow.runName='${runNameTag}').`,
    )
  }
  const runName = options.runName || runNameTag || context.generateRunName()
  tagsByKey.set(RUN_NAME_TAG, runNameTag ?? runName)
  if (options.parentRunId) tagsByKey.set(PARENT_RUN_ID_TAG, options.parentRunId)
  const tags: RunTag[] = [...tagsByKey].map(([key, value]) => ({ key, value }))
  tags.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))

  return context.driver.transaction(async (executor) => {
    const experiment = await requireExperimentRow(executor, options.experimentId ?? '0')
    checkExperimentActive(experiment)
    const runId = context.generateId()
    const info: RunInfo = {
      runId,
      runName,
      experimentId: String(toNumber(experiment.experiment_id)),
      status: 'RUNNING',
      startTime: options.startTime ?? context.now(),
      artifactUri: appendToUriPath(String(experiment.artifact_location), runId, 'artifacts'),
      lifecycleStage: 'active',
    }
    if (options.userId !== undefined) info.userId = options.userId
    await executor.execute(
      sql`INSERT INTO runs (run_uuid, name, experiment_id, user_id, status, start_time, end_time,
                            deleted_time, lifecycle_stage, artifact_uri)
          VALUES (${runId}, ${runName}, ${toNumber(experiment.experiment_id)}, ${options.userId ?? null},
                  'RUNNING', ${info.startTime}, NULL, NULL, 'active', ${info.artifactUri})`,
    )
    for (const tag of tags) await upsertTag(executor, runId, tag)
    return {
      info,
      data: { metrics: [], params: [], tags },
      inputs: { datasetInputs: [], modelInputs: [] },
      outputs: { modelOutputs: [] },
    }
  })
}

/** Inserts or overwrites one run tag. */
export async function upsertTag(executor: SqlExecutor, runId: string, tag: RunTag): Promise<void> {
  await executor.execute(
    sql`INSERT INTO tags (key, value, run_uuid) VALUES (${tag.key}, ${tag.value}, ${runId})
        ON CONFLICT (key, run_uuid) DO UPDATE SET value = excluded.value`,
  )
}

/** A full run by id (with its model inputs), or undefined. */
export async function getRun(context: SqlStoreContext, runId: string): Promise<Run | undefined> {
  const row = await findRunRow(context.driver, runId)
  return row ? (await loadRuns(context.driver, [row], { modelInputs: true }))[0] : undefined
}

/** Renames a run: the `name` column and the `mlflow.runName` tag together. */
export async function renameRun(executor: SqlExecutor, runId: string, name: string): Promise<void> {
  await executor.execute(sql`UPDATE runs SET name = ${name} WHERE run_uuid = ${runId}`)
  await upsertTag(executor, runId, { key: RUN_NAME_TAG, value: name })
}

/** Updates status, end time and name of an active run. */
export async function updateRun(
  context: SqlStoreContext,
  options: UpdateRunOptions,
): Promise<RunInfo> {
  return context.driver.transaction(async (executor) => {
    await requireActiveRunRow(executor, options.runId)
    if (options.status !== undefined) {
      await executor.execute(
        sql`UPDATE runs SET status = ${options.status} WHERE run_uuid = ${options.runId}`,
      )
    }
    if (options.endTime !== undefined && options.endTime !== null) {
      await executor.execute(
        sql`UPDATE runs SET end_time = ${options.endTime} WHERE run_uuid = ${options.runId}`,
      )
    }
    if (options.runName) await renameRun(executor, options.runId, options.runName)
    return toRunInfo(await requireRunRow(executor, options.runId))
  })
}

/** Soft-deletes a run. */
export async function deleteRun(context: SqlStoreContext, runId: string): Promise<void> {
  await context.driver.transaction(async (executor) => {
    await requireRunRow(executor, runId)
    await executor.execute(
      sql`UPDATE runs SET lifecycle_stage = 'deleted', deleted_time = ${context.now()}
          WHERE run_uuid = ${runId}`,
    )
  })
}

/** Restores a soft-deleted run. */
export async function restoreRun(context: SqlStoreContext, runId: string): Promise<void> {
  await context.driver.transaction(async (executor) => {
    await requireRunRow(executor, runId)
    await executor.execute(
      sql`UPDATE runs SET lifecycle_stage = 'active', deleted_time = NULL WHERE run_uuid = ${runId}`,
    )
  })
}

/** Upserts a tag on an active run; `mlflow.runName` renames the run too. */
export async function setTag(
  context: SqlStoreContext,
  options: { runId: string; key: string; value: string },
): Promise<void> {
  const tag = validateRunTag({
    tag: { key: options.key, value: options.value ?? '' },
    path: '',
    truncate: context.truncateLongValues,
  })
  await context.driver.transaction(async (executor) => {
    await requireActiveRunRow(executor, options.runId)
    if (tag.key === RUN_NAME_TAG) await renameRun(executor, options.runId, tag.value)
    else await upsertTag(executor, options.runId, tag)
  })
}

/** Deletes a tag of an active run; `RESOURCE_DOES_NOT_EXIST` if absent. */
export async function deleteTag(
  context: SqlStoreContext,
  options: { runId: string; key: string },
): Promise<void> {
  await context.driver.transaction(async (executor) => {
    await requireActiveRunRow(executor, options.runId)
    const result = await executor.execute(
      sql`DELETE FROM tags WHERE run_uuid = ${options.runId} AND key = ${options.key}`,
    )
    if (result.changes === 0) {
      throw new StoreError({
        code: 'RESOURCE_DOES_NOT_EXIST',
        message: `No tag with name: ${options.key} in run with id ${options.runId}`,
      })
    }
  })
}

/** Logs one param; re-logging the same value is a no-op, a different value an error. */
export async function logParam(
  context: SqlStoreContext,
  options: { runId: string; key: string; value: string },
): Promise<void> {
  const param = validateParam({
    param: { key: options.key, value: options.value ?? '' },
    path: '',
    truncate: context.truncateLongValues,
  })
  await context.driver.transaction(async (executor) => {
    await requireActiveRunRow(executor, options.runId)
    const inserted = await executor.execute(
      sql`INSERT INTO params (key, value, run_uuid) VALUES (${param.key}, ${param.value}, ${options.runId})
          ON CONFLICT (key, run_uuid) DO NOTHING`,
    )
    if (inserted.changes === 1) return
    const existing = await executor.execute(
      sql`SELECT value FROM params WHERE run_uuid = ${options.runId} AND key = ${param.key}`,
    )
    const oldValue = String(existing.rows[0]?.value ?? '')
    if (oldValue !== param.value) {
      throw StoreError.invalidParameter(
        `Changing param values is not allowed. Param with key='${param.key}' was already logged ` +
          `with value='${oldValue}' for run ID='${options.runId}'. Attempted logging new value ` +
          `'${param.value}'.`,
      )
    }
  })
}
