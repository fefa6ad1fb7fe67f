/**
 * @module row-mappers
 * Database rows → protocol entities. PostgreSQL returns BIGINT columns as strings, SQLite as
 * numbers; both become numbers here, except metric steps and timestamps beyond 2^53, which
 * become bigints. NaN metrics are stored as 0 with `is_nan = 1`.
 */
import type {
  Experiment,
  ExperimentTag,
  LifecycleStage,
  Metric,
  RunInfo,
  RunStatus,
} from '@dspyflow/mlflow/protocol'

/** A row as a driver returns it. */
export type Row = Record<string, unknown>

/**
 * Reads a numeric column (number, numeric string or bigint).
 *
 * @example
 * toNumber('1718460461282') // 1718460461282
 */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value
  if (typeof value === 'bigint') return Number(value)
  return Number(value)
}

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER)
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER)

/**
 * Reads an int64 column that may exceed 2^53 (metric steps and timestamps; read with
 * `withWideIntegers`): a number when it is a safe integer, else an exact bigint. Also
 * canonicalises values passed in, so a given integer always has one representation.
 *
 * @example
 * toInt64('9007199254740993') // 9007199254740993n
 * toInt64(12n) // 12
 */
export function toInt64(value: unknown): number | bigint {
  if (typeof value === 'number') return value
  if (typeof value === 'bigint')
    return value >= MIN_SAFE && value <= MAX_SAFE ? Number(value) : value
  const number = Number(value)
  if (Number.isSafeInteger(number) || typeof value !== 'string' || !/^-?\d+$/.test(value)) {
    return number
  }
  return BigInt(value)
}

/** Reads a nullable numeric column. */
export function toOptionalNumber(value: unknown): number | undefined {
  return value === null || value === undefined ? undefined : toNumber(value)
}

/** The columns of `experiments` the stores select. */
export const EXPERIMENT_COLUMNS =
  'e.experiment_id, e.name, e.artifact_location, e.lifecycle_stage, e.creation_time, e.last_update_time'

/** An `experiments` row and its tags → `Experiment`. */
export function toExperiment(row: Row, tags: ExperimentTag[]): Experiment {
  const experiment: Experiment = {
    experimentId: String(toNumber(row.experiment_id)),
    name: String(row.name),
    artifactLocation: String(row.artifact_location ?? ''),
    lifecycleStage: row.lifecycle_stage as LifecycleStage,
    tags,
  }
  const creationTime = toOptionalNumber(row.creation_time)
  const lastUpdateTime = toOptionalNumber(row.last_update_time)
  if (creationTime !== undefined) experiment.creationTime = creationTime
  if (lastUpdateTime !== undefined) experiment.lastUpdateTime = lastUpdateTime
  return experiment
}

/** The columns of `runs` the stores select. */
export const RUN_COLUMNS =
  'r.run_uuid, r.name, r.experiment_id, r.user_id, r.status, r.start_time, r.end_time, ' +
  'r.lifecycle_stage, r.artifact_uri'

/** A `runs` row → `RunInfo`. */
export function toRunInfo(row: Row): RunInfo {
  const info: RunInfo = {
    runId: String(row.run_uuid),
    experimentId: String(toNumber(row.experiment_id)),
    status: row.status as RunStatus,
    startTime: toNumber(row.start_time),
    artifactUri: String(row.artifact_uri),
    lifecycleStage: row.lifecycle_stage as LifecycleStage,
  }
  if (row.name !== null && row.name !== undefined) info.runName = String(row.name)
  if (row.user_id !== null && row.user_id !== undefined) info.userId = String(row.user_id)
  const endTime = toOptionalNumber(row.end_time)
  if (endTime !== undefined) info.endTime = endTime
  return info
}

/** A `metrics` or `latest_metrics` row → `Metric`. */
export function toMetric(row: Row): Metric {
  return {
    key: String(row.key),
    value: toNumber(row.is_nan) === 1 ? Number.NaN : toNumber(row.value),
    timestamp: toInt64(row.timestamp),
    step: toInt64(row.step),
  }
}

const MAX_DOUBLE = 1.7976931348623157e308

/**
 * How MLflow stores a metric value: NaN as 0 with a flag, ±Infinity as ±the largest double.
 *
 * @example
 * sanitizeMetricValue(Number.NaN) // { isNan: 1, value: 0 }
 */
export function sanitizeMetricValue(value: number): { isNan: 0 | 1; value: number } {
  if (Number.isNaN(value)) return { isNan: 1, value: 0 }
  if (value === Number.POSITIVE_INFINITY) return { isNan: 0, value: MAX_DOUBLE }
  if (value === Number.NEGATIVE_INFINITY) return { isNan: 0, value: -MAX_DOUBLE }
  return { isNan: 0, value }
}

/**
 * Splits a list into chunks, to keep `IN (...)` lists and multi-row inserts under the
 * databases' bound-parameter limits.
 *
 * @example
 * chunk([1, 2, 3], 2) // [[1, 2], [3]]
 */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = []
  for (let index = 0; index < items.length; index += size) {
    chunks.push(items.slice(index, index + size))
  }
  return chunks
}
