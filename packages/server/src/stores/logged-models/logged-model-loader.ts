/**
 * @module logged-model-loader
 * Assembles logged models (info with tags, params, every metric point) from `logged_models`
 * rows, with one query per table per 500 models. Tags and params come sorted by key, metric
 * points by (key, timestamp, step, run), the order MLflow's SQLite store reads them in.
 */
import {
  type LoggedModel,
  type LoggedModelInfo,
  type LoggedModelParameter,
  type LoggedModelTag,
  loggedModelStatusFromNumber,
  type Metric,
} from '@dspyflow/mlflow/protocol'
import { StoreError } from '../store-error.ts'
import { chunk, type Row, toInt64, toNumber } from '../sql/row-mappers.ts'
import type { SqlExecutor } from '../sql/sql-driver.ts'
import { raw, type SqlFragment, sql, valueList, withWideIntegers } from '../sql/sql-fragment.ts'

/** The columns of `logged_models` (aliased `lm`) the store selects. */
export const LOGGED_MODEL_COLUMNS =
  'lm.model_id, lm.experiment_id, lm.name, lm.artifact_location, lm.creation_timestamp_ms, ' +
  'lm.last_updated_timestamp_ms, lm.status, lm.lifecycle_stage, lm.model_type, ' +
  'lm.source_run_id, lm.status_message'

const CHUNK_SIZE = 500

/**
 * The "not found" error of a logged model, worded as MLflow's.
 *
 * @example
 * throw loggedModelNotFound('m-123') // Logged model with ID 'm-123' not found.
 */
export function loggedModelNotFound(modelId: string): StoreError {
  return new StoreError({
    code: 'RESOURCE_DOES_NOT_EXIST',
    message: `Logged model with ID '${modelId}' not found.`,
  })
}

/**
 * A `logged_models` row by id, in any lifecycle stage unless `activeOnly`.
 *
 * @example
 * const row = await findLoggedModelRow(executor, { modelId: 'm-123' })
 */
export async function findLoggedModelRow(
  executor: SqlExecutor,
  options: { modelId: string; activeOnly?: boolean },
): Promise<Row | undefined> {
  const stage = options.activeOnly ? sql` AND lm.lifecycle_stage = 'active'` : sql``
  const result = await executor.execute(
    sql`SELECT ${raw(LOGGED_MODEL_COLUMNS)} FROM logged_models lm
        WHERE lm.model_id = ${options.modelId}${stage}`,
  )
  return result.rows[0]
}

/**
 * Like {@link findLoggedModelRow} (any stage), but "Logged model with ID '…' not found."
 *
 * @throws StoreError `RESOURCE_DOES_NOT_EXIST`.
 */
export async function requireLoggedModelRow(executor: SqlExecutor, modelId: string): Promise<Row> {
  const row = await findLoggedModelRow(executor, { modelId })
  if (!row) throw loggedModelNotFound(modelId)
  return row
}

function optionalText(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : String(value)
}

function toLoggedModelInfo(row: Row, tags: LoggedModelTag[]): LoggedModelInfo {
  const info: LoggedModelInfo = {
    modelId: String(row.model_id),
    experimentId: String(toNumber(row.experiment_id)),
    name: String(row.name),
    creationTimestampMs: toNumber(row.creation_timestamp_ms),
    lastUpdatedTimestampMs: toNumber(row.last_updated_timestamp_ms),
    artifactUri: String(row.artifact_location),
    status: loggedModelStatusFromNumber(toNumber(row.status)),
    tags,
    registrations: [],
  }
  const modelType = optionalText(row.model_type)
  const sourceRunId = optionalText(row.source_run_id)
  const statusMessage = optionalText(row.status_message)
  if (modelType !== undefined) info.modelType = modelType
  if (sourceRunId !== undefined) info.sourceRunId = sourceRunId
  if (statusMessage !== undefined) info.statusMessage = statusMessage
  return info
}

function toModelMetric(row: Row): Metric {
  const metric: Metric = {
    key: String(row.metric_name),
    value: row.metric_value === null ? Number.NaN : toNumber(row.metric_value),
    timestamp: toInt64(row.metric_timestamp_ms),
    step: toInt64(row.metric_step),
    modelId: String(row.model_id),
    runId: String(row.run_id),
  }
  const datasetName = optionalText(row.dataset_name)
  const datasetDigest = optionalText(row.dataset_digest)
  if (datasetName !== undefined) metric.datasetName = datasetName
  if (datasetDigest !== undefined) metric.datasetDigest = datasetDigest
  return metric
}

/** Code-unit order, the same on every database whatever its collation. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function byKey(a: { key: string }, b: { key: string }): number {
  return compareText(a.key, b.key)
}

function compareInt(a: number | bigint, b: number | bigint): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function byPoint(a: Metric, b: Metric): number {
  return (
    compareText(a.key, b.key) ||
    compareInt(a.timestamp, b.timestamp) ||
    compareInt(a.step, b.step) ||
    compareText(a.runId ?? '', b.runId ?? '')
  )
}

async function selectGrouped<T>(
  executor: SqlExecutor,
  modelIds: string[],
  query: (ids: string[]) => SqlFragment,
  map: (row: Row) => T,
): Promise<Map<string, T[]>> {
  const groups = new Map<string, T[]>()
  for (const part of chunk(modelIds, CHUNK_SIZE)) {
    for (const row of (await executor.execute(query(part))).rows) {
      const key = String(row.model_id)
      const list = groups.get(key) ?? []
      list.push(map(row))
      groups.set(key, list)
    }
  }
  return groups
}

/**
 * Builds logged models from `logged_models` rows (selected with {@link LOGGED_MODEL_COLUMNS}),
 * keeping the rows' order.
 *
 * @example
 * const models = await loadLoggedModels(executor, [await requireLoggedModelRow(executor, id)])
 */
export async function loadLoggedModels(executor: SqlExecutor, rows: Row[]): Promise<LoggedModel[]> {
  if (rows.length === 0) return []
  const ids = rows.map((row) => String(row.model_id))
  const keyValue = (row: Row) => ({ key: String(row.k), value: String(row.v ?? '') })
  const tags = await selectGrouped(
    executor,
    ids,
    (part) => sql`SELECT model_id, tag_key AS k, tag_value AS v FROM logged_model_tags
                  WHERE model_id IN ${valueList(part)}`,
    keyValue,
  )
  const params = await selectGrouped<LoggedModelParameter>(
    executor,
    ids,
    (part) => sql`SELECT model_id, param_key AS k, param_value AS v FROM logged_model_params
                  WHERE model_id IN ${valueList(part)}`,
    keyValue,
  )
  const metrics = await selectGrouped(
    executor,
    ids,
    (part) =>
      withWideIntegers(sql`SELECT model_id, metric_name, metric_timestamp_ms, metric_step,
                                  metric_value, run_id, dataset_name, dataset_digest
                           FROM logged_model_metrics WHERE model_id IN ${valueList(part)}`),
    toModelMetric,
  )
  for (const list of tags.values()) list.sort(byKey)
  for (const list of params.values()) list.sort(byKey)
  for (const list of metrics.values()) list.sort(byPoint)
  return rows.map((row) => {
    const id = String(row.model_id)
    return {
      info: toLoggedModelInfo(row, tags.get(id) ?? []),
      data: { params: params.get(id) ?? [], metrics: metrics.get(id) ?? [] },
    }
  })
}
