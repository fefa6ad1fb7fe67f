/**
 * @module trace-analytics
 * The trace metadata MLflow 3.17 keeps as typed columns and gives back in one canonical form:
 * `mlflow.trace.tokenUsage` (integer token counts) and `mlflow.trace.cost` (floats), rewritten as
 * `json.dumps` of the known keys in a fixed order; unknown keys and unusable values dropped. A
 * later write merges key by key. Filters on them accept only `=`, `!=`, `IS [NOT] NULL`, and
 * `=` matches only the canonical text.
 */
import { StoreError } from '../store-error.ts'
import { PythonFloat, pythonJsonText } from './spans/python-json.ts'

/** Metadata keys of the trace analytics. */
export const TOKEN_USAGE_KEY = 'mlflow.trace.tokenUsage'
export const COST_KEY = 'mlflow.trace.cost'
export const SESSION_KEY = 'mlflow.trace.session'

/** Token-usage keys in MLflow's column order. */
export const TOKEN_USAGE_FIELDS = [
  'input_tokens',
  'output_tokens',
  'total_tokens',
  'cache_read_input_tokens',
  'cache_creation_input_tokens',
  'cache_creation_input_tokens_above_1hr',
] as const

const COST_FIELDS = ['input_cost', 'output_cost', 'total_cost'] as const

const INT64_MIN = -(2n ** 63n)
const INT64_MAX = 2n ** 63n - 1n

/**
 * A token count as MLflow accepts one: an integral finite number (or numeric text) in the int64
 * range; booleans and fractions are not.
 *
 * @example
 * tokenCount(2.0) // 2
 * tokenCount(2.5) // undefined
 */
export function tokenCount(value: unknown): number | bigint | undefined {
  if (typeof value === 'boolean' || value === null || value === undefined) return undefined
  if (typeof value === 'bigint') return value >= INT64_MIN && value <= INT64_MAX ? value : undefined
  const number = typeof value === 'number' ? value : Number(String(value).trim())
  if (typeof value === 'string' && String(value).trim() === '') return undefined
  if (!Number.isFinite(number) || !Number.isInteger(number)) return undefined
  if (Number.isSafeInteger(number)) return number
  const big = BigInt(number)
  return big >= INT64_MIN && big <= INT64_MAX ? big : undefined
}

/**
 * A cost as MLflow accepts one: a finite float (numeric text too), not a boolean.
 *
 * @example
 * finiteCost('0.5') // 0.5
 */
export function finiteCost(value: unknown): number | undefined {
  if (typeof value === 'boolean' || value === null || value === undefined) return undefined
  if (typeof value === 'string' && value.trim() === '') return undefined
  const number = typeof value === 'bigint' ? Number(value) : Number(value)
  return Number.isFinite(number) ? number : undefined
}

function jsonObject(text: string | undefined): Record<string, unknown> {
  if (text === undefined) return {}
  try {
    const value = JSON.parse(text) as unknown
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {}
  } catch {
    return {}
  }
}

interface AnalyticsShape {
  fields: readonly string[]
  convert: (value: unknown) => unknown
  write: (value: unknown) => unknown
}

const shapes: Record<string, AnalyticsShape> = {
  [TOKEN_USAGE_KEY]: { fields: TOKEN_USAGE_FIELDS, convert: tokenCount, write: (value) => value },
  [COST_KEY]: {
    fields: COST_FIELDS,
    convert: finiteCost,
    write: (value) => new PythonFloat(value as number),
  },
}

/** Whether a metadata key is one MLflow keeps as typed columns. */
export function isAnalyticsKey(key: string): boolean {
  return key in shapes
}

/**
 * The canonical text of an analytics metadata value after merging `incoming` (as a client sent
 * it) over `stored` (canonical, or absent): keys present in `incoming` replace stored ones (an
 * unusable value removes it). `undefined` when nothing is left.
 *
 * @example
 * mergeAnalytics({ key: TOKEN_USAGE_KEY, incoming: '{"total_tokens": 5, "input_tokens": 2.0}' })
 * // '{"input_tokens": 2, "total_tokens": 5}'
 */
export function mergeAnalytics(options: {
  key: string
  incoming: string
  stored?: string
}): string | undefined {
  const shape = shapes[options.key]
  if (shape === undefined) return options.incoming
  const stored = jsonObject(options.stored)
  const incoming = jsonObject(options.incoming)
  const merged: Record<string, unknown> = {}
  for (const field of shape.fields) {
    const value = field in incoming ? shape.convert(incoming[field]) : shape.convert(stored[field])
    if (value !== undefined) merged[field] = value
  }
  return canonicalText(shape, merged)
}

/**
 * The canonical text of analytics values computed by the server (span aggregation).
 *
 * @example
 * analyticsText(TOKEN_USAGE_KEY, { input_tokens: 3, output_tokens: 4, total_tokens: 7 })
 */
export function analyticsText(key: string, values: Record<string, unknown>): string | undefined {
  const shape = shapes[key]
  if (shape === undefined) return undefined
  const converted: Record<string, unknown> = {}
  for (const field of shape.fields) {
    const value = shape.convert(values[field])
    if (value !== undefined) converted[field] = value
  }
  return canonicalText(shape, converted)
}

function canonicalText(shape: AnalyticsShape, values: Record<string, unknown>): string | undefined {
  const entries = Object.entries(values)
  if (entries.length === 0) return undefined
  return pythonJsonText(Object.fromEntries(entries.map(([k, v]) => [k, shape.write(v)])))
}

/**
 * Whether a filter value is the canonical text of an analytics metadata value, which is the only
 * text `=` can match.
 *
 * @example
 * isCanonicalAnalytics(TOKEN_USAGE_KEY, '{"input_tokens": 2}') // true
 */
export function isCanonicalAnalytics(key: string, value: string): boolean {
  const shape = shapes[key]
  if (shape === undefined) return false
  const parsed = jsonObject(value)
  if (Object.keys(parsed).some((field) => !shape.fields.includes(field))) return false
  return analyticsText(key, parsed) === value
}

/**
 * Throws MLflow's error for a comparator the analytics metadata does not support.
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE`.
 */
export function checkAnalyticsComparator(key: string, comparator: string): void {
  if (['=', '!=', 'IS NULL', 'IS NOT NULL'].includes(comparator)) return
  throw StoreError.invalidParameter(
    `Comparator '${comparator}' is not supported for reserved metadata '${key}'. ` +
      "Only '=', '!=', 'IS NULL', and 'IS NOT NULL' are supported.",
  )
}
