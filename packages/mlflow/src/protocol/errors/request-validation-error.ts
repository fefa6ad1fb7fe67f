import type { z } from 'zod'
import { camelToSnake } from '../wire/field-names.ts'
import { MlflowError } from './mlflow-error.ts'

/** The sentence MLflow appends to every request-schema error. */
export const API_DOCS_HINT = ' See the API docs for more information about request parameters.'

/**
 * Parameters a request schema's own checks attach to their issues so their message is sent as
 * written: `schema` messages get the API-docs hint (MLflow raises them in its schema check),
 * `verbatim` ones do not (MLflow raises them later, in the handler).
 */
export type MlflowIssueParams = { mlflowMessage: 'schema' | 'verbatim' }

/**
 * Turns the first issue of a failed request decode into MLflow's `INVALID_PARAMETER_VALUE`
 * error, worded as the reference server words it, with the snake_case parameter name:
 * "Missing value for required parameter 'experiment_id'. See the API docs…" for absent, null or
 * empty required values; "Invalid value 5 for parameter 'name' supplied:  Hint: Value was of
 * type 'int'. See the API docs…" otherwise; the message of a check marked with
 * {@link MlflowIssueParams} as written.
 *
 * @example
 * const result = getExperiment.request.safeParse({})
 * if (!result.success) throw requestValidationError(result.error, {})
 * // MlflowError INVALID_PARAMETER_VALUE "Missing value for required parameter 'experiment_id'. …"
 */
export function requestValidationError(error: z.ZodError, input: unknown): MlflowError {
  const issue = error.issues[0]
  if (issue === undefined) return MlflowError.invalidParameterValue('Invalid request.', error)
  return MlflowError.invalidParameterValue(requestIssueMessage(issue, input), error)
}

/**
 * MLflow's wording for one request issue (see `requestValidationError`).
 *
 * @example
 * requestIssueMessage({ code: 'invalid_type', expected: 'string', path: ['name'], message: '',
 *   input: 5 }, { name: 5 })
 * // "Invalid value 5 for parameter 'name' supplied:  Hint: Value was of type 'int'. See …"
 */
export function requestIssueMessage(issue: z.core.$ZodIssue, input: unknown): string {
  const params =
    issue.code === 'custom' ? (issue.params as MlflowIssueParams | undefined) : undefined
  if (params?.mlflowMessage === 'verbatim') return issue.message
  if (params?.mlflowMessage === 'schema') return issue.message + API_DOCS_HINT
  const path = trimListIndex(issue.path)
  if (path.length === 0) return `Invalid request body: ${issue.message}.`
  const name = parameterName(path)
  const value = valueAt(input, path)
  if (value === undefined || value === null || (value === '' && issue.code === 'too_small')) {
    return `Missing value for required parameter '${name}'.${API_DOCS_HINT}`
  }
  return (
    `Invalid value ${pythonJson(value)} for parameter '${name}' supplied: ` +
    ` Hint: Value was of type '${pythonTypeName(value)}'.${API_DOCS_HINT}`
  )
}

/** `['metrics', 0, 'timestamp']` → `metrics[0].timestamp`, in snake_case. */
function parameterName(path: readonly PropertyKey[]): string {
  let name = ''
  for (const segment of path) {
    if (typeof segment === 'number') name += `[${segment}]`
    else name += (name === '' ? '' : '.') + camelToSnake(String(segment))
  }
  return name
}

/** An issue inside a list of scalars names the list, as MLflow checks whole fields. */
function trimListIndex(path: readonly PropertyKey[]): readonly PropertyKey[] {
  let end = path.length
  while (end > 0 && typeof path[end - 1] === 'number') end--
  return path.slice(0, end)
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input
  for (const segment of path) {
    if (typeof current !== 'object' || current === null) return undefined
    const record = current as Record<string, unknown>
    if (typeof segment === 'number') current = record[segment]
    else current = record[camelToSnake(String(segment))] ?? record[String(segment)]
  }
  return current
}

function pythonTypeName(value: unknown): string {
  if (typeof value === 'string') return 'str'
  if (typeof value === 'boolean') return 'bool'
  if (typeof value === 'number' || typeof value === 'bigint') {
    return Number.isInteger(value) || typeof value === 'bigint' ? 'int' : 'float'
  }
  if (Array.isArray(value)) return 'list'
  return value === null ? 'NoneType' : 'dict'
}

/** `json.dumps(value, sort_keys=True, separators=(",", ":"))` as Python prints it. */
function pythonJson(value: unknown): string {
  if (typeof value === 'string') return asciiJsonString(value)
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : pythonFloat(value)
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value)
  if (value === null || value === undefined) return 'null'
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(',')}]`
  const record = value as Record<string, unknown>
  const keys = Object.keys(record).sort()
  return `{${keys.map((key) => `${asciiJsonString(key)}:${pythonJson(record[key])}`).join(',')}}`
}

function pythonFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN'
  return value > 0 ? 'Infinity' : '-Infinity'
}

function asciiJsonString(text: string): string {
  return JSON.stringify(text).replace(
    /[\u007f-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}
