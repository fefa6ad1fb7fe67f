/**
 * @module validate-entities
 * MLflow's checks on what gets logged (metrics, params, tags, experiment names and tags, run
 * ids), with its messages. Values over a length limit are truncated where MLflow truncates them
 * (params and run tags, `MLFLOW_TRUNCATE_LONG_VALUES`) when `truncate` is on.
 */
import { pythonJsonDumps } from '../python-format.ts'
import { StoreError } from '../store-error.ts'
import {
  MAX_ARTIFACT_LOCATION_LENGTH,
  MAX_ENTITY_KEY_LENGTH,
  MAX_EXPERIMENT_NAME_LENGTH,
  MAX_EXPERIMENT_TAG_KEY_LENGTH,
  MAX_EXPERIMENT_TAG_VALUE_LENGTH,
  MAX_PARAM_VALUE_LENGTH,
  MAX_TAG_VALUE_LENGTH,
} from './limits.ts'
import {
  appendToJsonPath,
  invalidValueMessage,
  validateKeyName,
  validateLength,
} from './validate-name.ts'

/** A metric as a caller passes it: step defaults to 0. */
export interface MetricInput {
  key: string
  value: number
  timestamp: number | bigint
  step?: number | bigint
}

const INT64_MIN = -(2n ** 63n)
const INT64_MAX = 2n ** 63n - 1n

/** Whether a step or timestamp is a number, or a bigint that fits a 64-bit column. */
function isStorableInteger(value: unknown): value is number | bigint {
  if (typeof value === 'bigint') return value >= INT64_MIN && value <= INT64_MAX
  return typeof value === 'number' && Number.isFinite(value)
}

/**
 * Checks a metric point. `path` is `''` for a single metric and `metrics[i]` in a batch.
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE`.
 * @example
 * validateMetric({ metric: { key: 'loss', value: 0.5, timestamp: 1 }, path: '' })
 */
export function validateMetric(options: { metric: MetricInput; path: string }): void {
  const { metric, path } = options
  const namePath = appendToJsonPath(path, 'name')
  if (typeof metric.key !== 'string') {
    throw StoreError.invalidParameter(
      invalidValueMessage(
        namePath,
        null,
        'Metric name cannot be None. A key name must be provided.',
      ),
    )
  }
  validateKeyName({ name: metric.key, path: namePath })
  if (metric.value === undefined || metric.value === null) {
    throw StoreError.invalidParameter(
      `Missing value for required parameter '${appendToJsonPath(path, 'value')}'.`,
    )
  }
  if (typeof metric.value !== 'number') {
    throw StoreError.invalidParameter(
      invalidValueMessage(
        appendToJsonPath(path, 'value'),
        metric.value,
        `(timestamp=${metric.timestamp}). Please specify value as a valid double (64-bit floating point)`,
      ),
    )
  }
  if (!isStorableInteger(metric.timestamp) || !(metric.timestamp >= 0)) {
    throw StoreError.invalidParameter(
      invalidValueMessage(
        appendToJsonPath(path, 'timestamp'),
        metric.timestamp,
        `metric '${metric.key}' (value=${pythonJsonDumps(metric.value)}). ` +
          'Timestamp must be a nonnegative long (64-bit integer) ',
      ),
    )
  }
  const step = metric.step ?? 0
  if (!isStorableInteger(step)) {
    throw StoreError.invalidParameter(
      invalidValueMessage(
        appendToJsonPath(path, 'step'),
        step,
        `metric '${metric.key}' (value=${pythonJsonDumps(metric.value)}). ` +
          'Step must be a valid long (64-bit integer).',
      ),
    )
  }
  validateLength({ what: 'Metric name', limit: MAX_ENTITY_KEY_LENGTH, value: metric.key })
}

/**
 * Checks a param and returns it with its value truncated if needed.
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE`.
 * @example
 * validateParam({ param: { key: 'lr', value: '0.1' }, path: '', truncate: true })
 */
export function validateParam(options: {
  param: { key: string; value: string }
  path: string
  truncate: boolean
}): { key: string; value: string } {
  const { param, path } = options
  const keyPath = appendToJsonPath(path, 'key')
  if (typeof param.key !== 'string') {
    throw StoreError.invalidParameter(
      invalidValueMessage(keyPath, '', 'A key name must be provided.'),
    )
  }
  validateKeyName({ name: param.key, path: keyPath })
  const key = validateLength({ what: 'Param key', limit: MAX_ENTITY_KEY_LENGTH, value: param.key })
  const value = validateLength({
    what: 'Param value',
    limit: MAX_PARAM_VALUE_LENGTH,
    value: String(param.value ?? ''),
    truncate: options.truncate,
  })
  return { key, value }
}

/**
 * Checks a run tag and returns it with its value truncated if needed.
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE`.
 * @example
 * validateRunTag({ tag: { key: 'team', value: 'nlp' }, path: '', truncate: true })
 */
export function validateRunTag(options: {
  tag: { key: string; value: string }
  path: string
  truncate: boolean
}): { key: string; value: string } {
  const { tag, path } = options
  const keyPath = appendToJsonPath(path, 'key')
  if (typeof tag.key !== 'string') {
    throw StoreError.invalidParameter(`Missing value for required parameter '${keyPath}'.`)
  }
  validateKeyName({ name: tag.key, path: keyPath })
  const key = validateLength({ what: keyPath, limit: MAX_ENTITY_KEY_LENGTH, value: tag.key })
  const value = validateLength({
    what: appendToJsonPath(path, 'value'),
    limit: MAX_TAG_VALUE_LENGTH,
    value: String(tag.value ?? ''),
    truncate: options.truncate,
  })
  return { key, value }
}

/**
 * Checks an experiment tag (no truncation: too long is an error).
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE`.
 * @example
 * validateExperimentTag({ key: 'mlflow.note.content', value: 'notes' })
 */
export function validateExperimentTag(tag: { key: string; value: string }): void {
  if (typeof tag.key !== 'string') {
    throw StoreError.invalidParameter("Missing value for required parameter 'key'.")
  }
  validateKeyName({ name: tag.key, path: 'key' })
  validateLength({ what: 'key', limit: MAX_EXPERIMENT_TAG_KEY_LENGTH, value: tag.key })
  validateLength({ what: 'value', limit: MAX_EXPERIMENT_TAG_VALUE_LENGTH, value: tag.value ?? '' })
}

/**
 * Checks an experiment name: a non-empty string of at most 500 characters.
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE`.
 * @example
 * validateExperimentName('DSPy-Optimization')
 */
export function validateExperimentName(name: unknown): asserts name is string {
  if (name === '' || name === undefined || name === null) {
    throw StoreError.invalidParameter(`Invalid experiment name: '${name ?? 'None'}'`)
  }
  if (typeof name !== 'string') {
    throw StoreError.invalidParameter(`Invalid experiment name: ${String(name)}. Expects a string.`)
  }
  validateLength({ what: 'name', limit: MAX_EXPERIMENT_NAME_LENGTH, value: name })
}

const runIdPattern = /^[a-zA-Z0-9][\w-]{0,255}$/

/**
 * Checks a run id's shape (as `logBatch` and `logInputs` do in MLflow).
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE`.
 * @example
 * validateRunId('5f0c2a9e0d4b4e0fa1c3b7d2e9f81234')
 */
export function validateRunId(runId: string): void {
  if (typeof runId !== 'string' || !runIdPattern.test(runId)) {
    throw StoreError.invalidParameter(invalidValueMessage('run_id', runId))
  }
}

/**
 * Checks an experiment artifact location: no `runs:` URI, no fragment or `;params`, no `..` in
 * the (repeatedly URL-decoded) query, at most 2048 characters.
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE`.
 * @example
 * validateArtifactLocation('s3://bucket/experiments/7')
 */
export function validateArtifactLocation(location: string): void {
  if (location.startsWith('runs:')) {
    throw StoreError.invalidParameter(
      `Artifact location cannot be a runs:/ URI. Given: '${location}'`,
    )
  }
  if (location.includes('#') || /;[^/]*$/.test(location.split('?')[0] ?? '')) {
    throw StoreError.invalidParameter("'artifact_location' URL can't include fragments or params.")
  }
  const query = location.includes('?') ? location.slice(location.indexOf('?') + 1) : ''
  if (decodeRepeatedly(query).includes('..')) {
    throw StoreError.invalidParameter('Invalid query string')
  }
  if (location.length > MAX_ARTIFACT_LOCATION_LENGTH) {
    throw StoreError.invalidParameter(
      'Invalid artifact path length. The length of the artifact path cannot be greater than ' +
        `${MAX_ARTIFACT_LOCATION_LENGTH} characters. To configure this limit, please set the ` +
        'MLFLOW_ARTIFACT_LOCATION_MAX_LENGTH environment variable.',
    )
  }
}

function decodeRepeatedly(text: string): string {
  let current = text
  for (let round = 0; round < 10; round += 1) {
    let decoded: string
    try {
      decoded = decodeURIComponent(current)
    } catch {
      return current
    }
    if (decoded === current) return current
    current = decoded
  }
  return current
}
