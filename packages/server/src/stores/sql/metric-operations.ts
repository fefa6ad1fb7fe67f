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
import { type Row, sanitizeMetricValue, toInt64, toMetric, toNumber } from './row-mappers.ts'
import type { SqlExecutor } from './sql-driver.ts'
import {
  joinSql,
  limitClause,
  sql,
  type SqlFragment,
  type SqlValue,
  withWideIntegers,
} from './sql-fragment.ts'

interface StoredPoint {
  value: number
  isNan: 0 | 1
  timestamp: number | bigint
  step: number | bigint
}

/** Whether a point is strictly more recent than `than` by (step, timestamp, stored value). */
function isNewer(
  step: number | bigint,
  timestamp: number | bigint,
  value: number,
  than: StoredPoint,
): boolean {
  if (step !== than.step) return step > than.step
  if (timestamp !== than.timestamp) return timestamp > than.timestamp
  return value > than.value
}

/**
 * Rows per multi-row statement, largest first. A batch is written with as few statements as
 * these sizes allow (1,000 points: ten of 100 rows), and only these few statement texts ever
 * exist, so the driver prepares each once and reuses it.
 */
const ROWS_PER_STATEMENT = [100, 10, 1] as const

/** A multi-row `INSERT` for each size in {@link ROWS_PER_STATEMENT}, built on first use. */
function statementsBySize(build: (rows: number) => string): (rows: number) => string {
  const texts = new Map<number, string>()
  return (rows) => {
    let text = texts.get(rows)
    if (text === undefined) {
      text = build(rows)
      texts.set(rows, text)
    }
    return text
  }
}

const placeholders = (rows: number, width: number) =>
  Array.from(
    { length: rows },
    () => `(${Array.from({ length: width }, () => '?').join(', ')})`,
  ).join(', ')

const METRIC_WIDTH = 6
const metricInsert = statementsBySize(
  (rows) =>
    `INSERT INTO metrics (run_uuid, key, timestamp, step, value, is_nan) VALUES ${placeholders(rows, METRIC_WIDTH)} ON CONFLICT DO NOTHING`,
)

const LATEST_WIDTH = 6
const latestUpsert = statementsBySize(
  (rows) =>
    `INSERT INTO latest_metrics (key, value, timestamp, step, is_nan, run_uuid) VALUES ${placeholders(rows, LATEST_WIDTH)}
     ON CONFLICT (key, run_uuid) DO UPDATE SET
       value = excluded.value, timestamp = excluded.timestamp, step = excluded.step,
       is_nan = excluded.is_nan
     WHERE excluded.step > latest_metrics.step
        OR (excluded.step = latest_metrics.step
            AND (excluded.timestamp > latest_metrics.timestamp
                 OR (excluded.timestamp = latest_metrics.timestamp
                     AND excluded.value > latest_metrics.value)))`,
)

/**
 * Runs `statement(size)` over consecutive rows of the flat `values` (`width` values a row),
 * in as few statements as {@link ROWS_PER_STATEMENT} allows; returns the rows changed.
 */
async function writeRows(
  executor: SqlExecutor,
  statement: (rows: number) => string,
  width: number,
  values: readonly SqlValue[],
): Promise<number> {
  const rows = values.length / width
  let done = 0
  let changes = 0
  for (const size of ROWS_PER_STATEMENT) {
    for (; rows - done >= size; done += size) {
      const parameters = values.slice(done * width, (done + size) * width)
      changes += (await executor.execute({ sql: statement(size), parameters })).changes
    }
  }
  return changes
}

/**
 * Stores points of an (already checked, active) run: exact duplicates are skipped, and each
 * key's latest value moves forward only. Returns how many points were new. The points go to
 * the database as flat parameter lists of a few prepared multi-row statements.
 *
 * @example
 * await insertMetrics(executor, runId, [{ key: 'loss', value: 0.5, timestamp: 1, step: 0 }])
 * // { written: 1, duplicates: 0 }
 */
export async function insertMetrics(
  executor: SqlExecutor,
  runId: string,
  metrics: readonly MetricPoint[],
): Promise<{ written: number; duplicates: number }> {
  const values: SqlValue[] = new Array(metrics.length * METRIC_WIDTH)
  const latest = new Map<string, StoredPoint>()
  let next = 0
  for (const metric of metrics) {
    const { isNan, value } = sanitizeMetricValue(metric.value)
    const timestamp = toInt64(metric.timestamp)
    const step = toInt64(metric.step ?? 0)
    values[next++] = runId
    values[next++] = metric.key
    values[next++] = timestamp
    values[next++] = step
    values[next++] = value
    values[next++] = isNan
    const current = latest.get(metric.key)
    if (current === undefined) {
      latest.set(metric.key, { value, isNan, timestamp, step })
    } else if (isNewer(step, timestamp, value, current)) {
      current.value = value
      current.isNan = isNan
      current.timestamp = timestamp
      current.step = step
    }
  }
  // Duplicates, in the table or within the batch, are skipped by the primary key.
  const written = await writeRows(executor, metricInsert, METRIC_WIDTH, values)
  const latestValues: SqlValue[] = []
  for (const [key, point] of latest) {
    latestValues.push(key, point.value, point.timestamp, point.step, point.isNan, runId)
  }
  await writeRows(executor, latestUpsert, LATEST_WIDTH, latestValues)
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
        ORDER BY timestamp, step, value ${limitClause(limit)} OFFSET ${offset}`),
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
