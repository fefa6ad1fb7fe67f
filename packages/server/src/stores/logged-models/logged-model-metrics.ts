/**
 * @module logged-model-metrics
 * Metric points logged to a run with a `model_id`, recorded against the model as well (with the
 * run, its experiment and the dataset). Like MLflow's SQL store: one point per (model, key,
 * timestamp, step, run); an exact repeat is ignored, a different value there is a key violation,
 * and so is an unknown model.
 */
import { pythonRepr } from '../python-format.ts'
import { requireActiveRunRow } from '../sql/entity-lookups.ts'
import { chunk, sanitizeMetricValue, toNumber } from '../sql/row-mappers.ts'
import type { SqlExecutor } from '../sql/sql-driver.ts'
import { sql, valueList, withWideIntegers } from '../sql/sql-fragment.ts'
import type { SqlStoreContext } from '../sql/sql-store-context.ts'
import { validateMetric } from '../validation/validate-entities.ts'
import type { LoggedModelMetricPoint } from './logged-model-store.ts'
import { keyViolation } from './logged-model-operations.ts'

/**
 * Fails with `BAD_REQUEST` (MLflow's foreign-key violation) unless every id names a logged
 * model, deleted or not.
 *
 * @example
 * await checkLoggedModelsExist(executor, ['m-0123456789abcdef0123456789abcdef'])
 */
export async function checkLoggedModelsExist(
  executor: SqlExecutor,
  modelIds: readonly string[],
): Promise<void> {
  const wanted = [...new Set(modelIds)]
  const found = new Set<string>()
  for (const part of chunk(wanted, 500)) {
    const result = await executor.execute(
      sql`SELECT model_id FROM logged_models WHERE model_id IN ${valueList(part)}`,
    )
    for (const row of result.rows) found.add(String(row.model_id))
  }
  const missing = wanted.find((id) => !found.has(id))
  if (missing !== undefined) {
    throw keyViolation('logged_model_metrics', `no logged model with ID ${pythonRepr(missing)}`)
  }
}

function pointKey(point: LoggedModelMetricPoint): string {
  return JSON.stringify([
    point.modelId,
    point.key,
    String(point.timestamp),
    String(point.step ?? 0),
    String(point.value),
    point.datasetName ?? null,
    point.datasetDigest ?? null,
  ])
}

/** Records metric points of an active run against their models; see the store interface. */
export async function logLoggedModelMetrics(
  context: SqlStoreContext,
  options: { runId: string; metrics: LoggedModelMetricPoint[] },
): Promise<void> {
  const { runId, metrics } = options
  metrics.forEach((metric, index) => {
    validateMetric({ metric, path: metrics.length === 1 ? '' : `metrics[${index}]` })
  })
  const unique = new Map<string, LoggedModelMetricPoint>()
  for (const metric of metrics) unique.set(pointKey(metric), metric)
  if (unique.size === 0) return
  await context.driver.transaction(async (executor) => {
    const run = await requireActiveRunRow(executor, runId)
    const experimentId = toNumber(run.experiment_id)
    await checkLoggedModelsExist(
      executor,
      [...unique.values()].map((point) => point.modelId),
    )
    for (const point of unique.values()) {
      await insertPoint(executor, { runId, experimentId, point })
    }
  })
}

async function insertPoint(
  executor: SqlExecutor,
  options: { runId: string; experimentId: number; point: LoggedModelMetricPoint },
): Promise<void> {
  const { runId, experimentId, point } = options
  const { value } = sanitizeMetricValue(point.value)
  const step = point.step ?? 0
  const datasetName = point.datasetName ?? null
  const datasetDigest = point.datasetDigest ?? null
  const inserted = await executor.execute(
    sql`INSERT INTO logged_model_metrics (model_id, metric_name, metric_timestamp_ms, metric_step,
                                          metric_value, experiment_id, run_id, dataset_uuid,
                                          dataset_name, dataset_digest)
        VALUES (${point.modelId}, ${point.key}, ${point.timestamp}, ${step}, ${value},
                ${experimentId}, ${runId}, NULL, ${datasetName}, ${datasetDigest})
        ON CONFLICT DO NOTHING`,
  )
  if (inserted.changes === 1) return
  const existing = await executor.execute(
    withWideIntegers(sql`SELECT metric_value, dataset_name, dataset_digest FROM logged_model_metrics
        WHERE model_id = ${point.modelId} AND metric_name = ${point.key}
          AND metric_timestamp_ms = ${point.timestamp} AND metric_step = ${step}
          AND run_id = ${runId}`),
  )
  const row = existing.rows[0]
  const same =
    row !== undefined &&
    toNumber(row.metric_value) === value &&
    (row.dataset_name ?? null) === datasetName &&
    (row.dataset_digest ?? null) === datasetDigest
  if (!same) {
    throw keyViolation(
      'logged_model_metrics',
      `model ${pythonRepr(point.modelId)} already has a point of ${pythonRepr(point.key)} at ` +
        `timestamp ${point.timestamp}, step ${step} from run ${pythonRepr(runId)}`,
    )
  }
}
