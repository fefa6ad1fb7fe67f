/**
 * @module metric-operations
 * Writing metric points (history plus the latest value per key) and reading them back: full
 * history in pages, and evenly sampled history for charts.
 */
import type { Metric, MetricWithRunId } from '@dspyflow/mlflow/protocol'
import { createPageToken, parsePageToken } from '../search/page-token.ts'
import { StoreError } from '../store-error.ts'
import type {
  GetMetricHistoryBulkIntervalOptions,
  GetMetricHistoryOptions,
  MetricHistoryPage,
  MetricPoint,
} from '../tracking-store.ts'
import { MAX_RESULTS_PER_RUN, MAX_RUNS_GET_METRIC_HISTORY_BULK } from '../validation/limits.ts'
import { chunk, type Row, sanitizeMetricValue, toInt64, toMetric, toNumber } from './row-mappers.ts'
import type { SqlExecutor } from './sql-driver.ts'
import { joinSql, type SqlFragment, sql, withWideIntegers } from './sql-fragment.ts'

interface StoredPoint {
  key: string
  value: number
  isNan: 0 | 1
  timestamp: number | bigint
  step: number | bigint
}

/** Whether `a` is strictly more recent than `b` by (step, timestamp, stored value). */
function isNewer(a: StoredPoint, b: StoredPoint): boolean {
  if (a.step !== b.step) return a.step > b.step
  if (a.timestamp !== b.timestamp) return a.timestamp > b.timestamp
  return a.value > b.value
}

/**
 * Stores points of an (already checked, active) run: exact duplicates are skipped, and each
 * key's latest value moves forward only. Returns how many points were new.
 */
export async function insertMetrics(
  executor: SqlExecutor,
  runId: string,
  metrics: readonly MetricPoint[],
): Promise<{ written: number; duplicates: number }> {
  const unique = new Map<string, StoredPoint>()
  for (const metric of metrics) {
    const { isNan, value } = sanitizeMetricValue(metric.value)
    const point = {
      key: metric.key,
      value,
      isNan,
      timestamp: toInt64(metric.timestamp),
      step: toInt64(metric.step ?? 0),
    }
    const identity = [point.key, String(point.timestamp), String(point.step), point.value, isNan]
    unique.set(JSON.stringify(identity), point)
  }
  const points = [...unique.values()]
  let written = 0
  for (const part of chunk(points, 200)) {
    const rows = part.map(
      (point) =>
        sql`(${runId}, ${point.key}, ${point.timestamp}, ${point.step}, ${point.value}, ${point.isNan})`,
    )
    const result = await executor.execute(
      sql`INSERT INTO metrics (run_uuid, key, timestamp, step, value, is_nan)
          VALUES ${joinSql(rows, ', ')} ON CONFLICT DO NOTHING`,
    )
    written += result.changes
  }
  const latest = new Map<string, StoredPoint>()
  for (const point of points) {
    const current = latest.get(point.key)
    if (!current || isNewer(point, current)) latest.set(point.key, point)
  }
  for (const part of chunk([...latest.values()], 200)) {
    const rows = part.map(
      (point) =>
        sql`(${point.key}, ${point.value}, ${point.timestamp}, ${point.step}, ${point.isNan}, ${runId})`,
    )
    await executor.execute(
      sql`INSERT INTO latest_metrics (key, value, timestamp, step, is_nan, run_uuid)
          VALUES ${joinSql(rows, ', ')}
          ON CONFLICT (key, run_uuid) DO UPDATE SET
            value = excluded.value, timestamp = excluded.timestamp, step = excluded.step,
            is_nan = excluded.is_nan
          WHERE excluded.step > latest_metrics.step
             OR (excluded.step = latest_metrics.step
                 AND (excluded.timestamp > latest_metrics.timestamp
                      OR (excluded.timestamp = latest_metrics.timestamp
                          AND excluded.value > latest_metrics.value)))`,
    )
  }
  return { written, duplicates: metrics.length - written }
}

/** All points of one metric, ordered by (timestamp, step, value), paged by offset. */
export async function getMetricHistory(
  executor: SqlExecutor,
  options: GetMetricHistoryOptions,
): Promise<MetricHistoryPage> {
  const offset = parsePageToken({ pageToken: options.pageToken })
  const maxResults = options.maxResults
  if (maxResults !== undefined && (!Number.isInteger(maxResults) || maxResults < 1)) {
    throw StoreError.invalidParameter(
      `Invalid value ${maxResults} for parameter 'max_results' supplied. It must be a positive integer`,
    )
  }
  const limit = maxResults === undefined ? Number.MAX_SAFE_INTEGER : maxResults + 1
  const result = await executor.execute(
    withWideIntegers(sql`SELECT key, value, timestamp, step, is_nan FROM metrics
        WHERE run_uuid = ${options.runId} AND key = ${options.metricKey}
        ORDER BY timestamp, step, value LIMIT ${limit} OFFSET ${offset}`),
  )
  const metrics: Metric[] = result.rows.map(toMetric)
  if (maxResults !== undefined && metrics.length > maxResults) {
    return {
      metrics: metrics.slice(0, maxResults),
      nextPageToken: createPageToken({ offset: offset + maxResults }),
    }
  }
  return { metrics }
}

/**
 * Samples each run's history of one metric as MLflow 3 does: the ordered points are split into
 * `maxResults` even buckets, the first point of each bucket is kept, and the run's last point is
 * always kept (replacing the last sample when the page is full).
 */
export async function getMetricHistoryBulkInterval(
  executor: SqlExecutor,
  options: GetMetricHistoryBulkIntervalOptions,
): Promise<MetricWithRunId[]> {
  const { runIds, metricKey, startStep, endStep } = options
  if ((startStep === undefined) !== (endStep === undefined)) {
    throw StoreError.invalidParameter(
      'If either start step or end step are specified, both must be specified.',
    )
  }
  if (startStep !== undefined && endStep !== undefined && startStep > endStep) {
    throw StoreError.invalidParameter(
      'end_step must be greater than start_step. ' +
        `Found start_step=${startStep} and end_step=${endStep}.`,
    )
  }
  if (runIds.length > MAX_RUNS_GET_METRIC_HISTORY_BULK) {
    throw StoreError.invalidParameter(
      `GetMetricHistoryBulkInterval request must specify at most ${MAX_RUNS_GET_METRIC_HISTORY_BULK} ` +
        `run_ids. Received ${runIds.length} run_ids.`,
    )
  }
  const maxResults = options.maxResults ?? MAX_RESULTS_PER_RUN
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > MAX_RESULTS_PER_RUN) {
    throw StoreError.invalidParameter(`max_results must be between 1 and ${MAX_RESULTS_PER_RUN}.`)
  }
  const sampled: MetricWithRunId[] = []
  for (const runId of runIds) {
    const filters = [sql`run_uuid = ${runId}`, sql`key = ${metricKey}`]
    if (startStep !== undefined && endStep !== undefined) {
      filters.push(sql`step >= ${startStep}`, sql`step <= ${endStep}`)
    }
    const where = joinSql(filters, ' AND ')
    const rows = await sampleRows(executor, where, maxResults)
    for (const row of rows) {
      const metric = toMetric({ ...row, key: metricKey })
      sampled.push({ ...metric, step: metric.step ?? 0, runId })
    }
  }
  return sampled
}

async function sampleRows(
  executor: SqlExecutor,
  where: SqlFragment,
  maxResults: number,
): Promise<Row[]> {
  const result = await executor.execute(
    withWideIntegers(sql`SELECT value, timestamp, step, is_nan FROM (
          SELECT value, timestamp, step, is_nan,
                 ROW_NUMBER() OVER (PARTITION BY bucket ORDER BY step, timestamp, value, is_nan) AS rn
          FROM (
            SELECT value, timestamp, step, is_nan,
                   NTILE(${maxResults}) OVER (ORDER BY step, timestamp, value, is_nan) AS bucket
            FROM metrics WHERE ${where}
          ) bucketed
        ) ranked
        WHERE rn = 1 ORDER BY step, timestamp, value, is_nan`),
  )
  const rows = result.rows
  const last = await executor.execute(
    withWideIntegers(sql`SELECT value, timestamp, step, is_nan FROM metrics WHERE ${where}
        ORDER BY step DESC, timestamp DESC, value DESC, is_nan DESC LIMIT 1`),
  )
  const lastRow = last.rows[0]
  if (lastRow !== undefined && !sameRow(rows.at(-1), lastRow)) {
    if (rows.length >= maxResults) rows[rows.length - 1] = lastRow
    else rows.push(lastRow)
  }
  return rows
}

function sameRow(a: Row | undefined, b: Row): boolean {
  if (a === undefined) return false
  return (
    toInt64(a.step) === toInt64(b.step) &&
    toInt64(a.timestamp) === toInt64(b.timestamp) &&
    toNumber(a.value) === toNumber(b.value) &&
    toNumber(a.is_nan) === toNumber(b.is_nan)
  )
}
