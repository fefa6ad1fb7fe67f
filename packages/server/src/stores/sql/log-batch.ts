/**
 * @module log-batch
 * `logBatch`: validate the whole request first, then write params, metrics and tags of one run
 * in a single transaction (nothing is written if anything fails).
 */
import type { Param, RunTag } from '@dspyflow/mlflow/protocol'
import { pythonRepr } from '../python-format.ts'
import { StoreError } from '../store-error.ts'
import type { LogBatchOptions, LogBatchReport } from '../tracking-store.ts'
import { validateBatchLimits, validateParamKeysUnique } from '../validation/validate-batch.ts'
import {
  validateMetric,
  validateParam,
  validateRunId,
  validateRunTag,
} from '../validation/validate-entities.ts'
import { requireActiveRunRow } from './entity-lookups.ts'
import { insertMetrics } from './metric-operations.ts'
import { chunk } from './row-mappers.ts'
import { RUN_NAME_TAG, renameRun } from './run-operations.ts'
import type { SqlExecutor } from './sql-driver.ts'
import { joinSql, sql, valueList } from './sql-fragment.ts'
import type { SqlStoreContext } from './sql-store-context.ts'

/** Logs a batch; see {@link TrackingStore.logBatch}. */
export async function logBatch(
  context: SqlStoreContext,
  options: LogBatchOptions,
): Promise<LogBatchReport> {
  const { runId } = options
  validateRunId(runId)
  const metrics = options.metrics ?? []
  metrics.forEach((metric, index) => {
    validateMetric({ metric, path: `metrics[${index}]` })
  })
  const truncate = context.truncateLongValues
  const params = (options.params ?? []).map((param, index) =>
    validateParam({ param, path: `params[${index}]`, truncate }),
  )
  const tags = (options.tags ?? []).map((tag, index) =>
    validateRunTag({ tag, path: `tags[${index}]`, truncate }),
  )
  validateBatchLimits({ metrics: metrics.length, params: params.length, tags: tags.length })
  validateParamKeysUnique(params)

  return context.driver.transaction(async (executor) => {
    await requireActiveRunRow(executor, runId)
    const paramReport = await insertParams(executor, runId, params)
    const metricReport = await insertMetrics(executor, runId, metrics)
    const tagCount = await upsertTags(executor, runId, tags)
    return { metrics: metricReport, params: paramReport, tags: { written: tagCount } }
  })
}

async function selectParams(
  executor: SqlExecutor,
  runId: string,
  keys: string[],
): Promise<Map<string, string>> {
  const values = new Map<string, string>()
  for (const part of chunk(keys, 500)) {
    const result = await executor.execute(
      sql`SELECT key, value FROM params WHERE run_uuid = ${runId} AND key IN ${valueList(part)}`,
    )
    for (const row of result.rows) values.set(String(row.key), String(row.value))
  }
  return values
}

function checkUnchanged(runId: string, params: readonly Param[], existing: Map<string, string>) {
  const changed = params.filter(
    (param) => existing.has(param.key) && existing.get(param.key) !== param.value,
  )
  if (changed.length === 0) return
  const described = changed
    .map(
      (param) =>
        `{'key': ${pythonRepr(param.key)}, 'old_value': ${pythonRepr(existing.get(param.key) ?? '')}, ` +
        `'new_value': ${pythonRepr(param.value)}}`,
    )
    .join(', ')
  throw StoreError.invalidParameter(
    `Changing param values is not allowed. Params were already logged='[${described}]' ` +
      `for run ID='${runId}'.`,
  )
}

async function insertParams(
  executor: SqlExecutor,
  runId: string,
  params: readonly Param[],
): Promise<LogBatchReport['params']> {
  if (params.length === 0) return { written: 0, unchanged: 0 }
  const existing = await selectParams(
    executor,
    runId,
    params.map((param) => param.key),
  )
  checkUnchanged(runId, params, existing)
  const fresh = params.filter((param) => !existing.has(param.key))
  let written = 0
  for (const part of chunk(fresh, 200)) {
    const rows = part.map((param) => sql`(${param.key}, ${param.value}, ${runId})`)
    const result = await executor.execute(
      sql`INSERT INTO params (key, value, run_uuid) VALUES ${joinSql(rows, ', ')}
          ON CONFLICT (key, run_uuid) DO NOTHING`,
    )
    written += result.changes
  }
  if (written < fresh.length) {
    // Another writer logged some of these keys meanwhile: their values must match too.
    const raced = await selectParams(
      executor,
      runId,
      fresh.map((param) => param.key),
    )
    checkUnchanged(runId, fresh, raced)
  }
  return { written, unchanged: params.length - written }
}

async function upsertTags(
  executor: SqlExecutor,
  runId: string,
  tags: readonly RunTag[],
): Promise<number> {
  const byKey = new Map<string, string>()
  for (const tag of tags) byKey.set(tag.key, tag.value)
  const runName = byKey.get(RUN_NAME_TAG)
  if (runName !== undefined) {
    await renameRun(executor, runId, runName)
    byKey.delete(RUN_NAME_TAG)
  }
  for (const part of chunk([...byKey], 200)) {
    const rows = part.map(([key, value]) => sql`(${key}, ${value}, ${runId})`)
    await executor.execute(
      sql`INSERT INTO tags (key, value, run_uuid) VALUES ${joinSql(rows, ', ')}
          ON CONFLICT (key, run_uuid) DO UPDATE SET value = excluded.value`,
    )
  }
  return byKey.size + (runName === undefined ? 0 : 1)
}
