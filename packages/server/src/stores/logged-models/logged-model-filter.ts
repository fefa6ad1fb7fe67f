/**
 * @module logged-model-filter
 * MLflow's logged-model search filter (`logged-models/search.filter`): comparisons joined by
 * `AND` on attributes (no prefix, or `attributes.`), `metrics.`, `params.` and `tags.`. Metrics
 * and the two timestamps are numeric (`< <= > >= = !=`); everything else takes `= != LIKE
 * ILIKE IN NOT IN`. As in MLflow 3.17, a string value loses its single quotes only (a
 * double-quoted value keeps its quotes) and prefixes are lowercase, plural and alias-free.
 */
import { pythonCollection, pythonRepr } from '../python-format.ts'
import type { FilterValueToken, RawComparison } from '../search/filter-ast.ts'
import { parseFilterComparisons } from '../search/parse-filter-comparisons.ts'
import { StoreError } from '../store-error.ts'

/** The columns of `logged_models` a filter or `order_by` may name. */
export const LOGGED_MODEL_ATTRIBUTES = [
  'model_id',
  'experiment_id',
  'name',
  'artifact_location',
  'creation_timestamp_ms',
  'last_updated_timestamp_ms',
  'status',
  'lifecycle_stage',
  'model_type',
  'source_run_id',
  'status_message',
] as const

/** A column of `logged_models`. */
export type LoggedModelAttribute = (typeof LOGGED_MODEL_ATTRIBUTES)[number]

/** MLflow's aliases of logged-model columns. */
export const LOGGED_MODEL_ATTRIBUTE_ALIASES: Readonly<Record<string, LoggedModelAttribute>> = {
  creation_time: 'creation_timestamp_ms',
  creation_timestamp: 'creation_timestamp_ms',
  last_updated_timestamp: 'last_updated_timestamp_ms',
}

const NUMERIC_ATTRIBUTES = new Set<string>(['creation_timestamp_ms', 'last_updated_timestamp_ms'])
const NUMERIC_COMPARATORS = ['<', '<=', '>', '>=', '=', '!='] as const
const STRING_COMPARATORS = ['=', '!=', 'LIKE', 'ILIKE', 'IN', 'NOT IN'] as const
const ENTITY_TYPES = ['attributes', 'metrics', 'params', 'tags'] as const

/** A numeric comparator. */
export type LoggedModelNumericComparator = (typeof NUMERIC_COMPARATORS)[number]
/** A string comparator. */
export type LoggedModelStringComparator = (typeof STRING_COMPARATORS)[number]

/** A comparison with a number: a metric or a timestamp column. */
export interface LoggedModelNumericClause {
  type: 'attribute' | 'metric'
  key: string
  comparator: LoggedModelNumericComparator
  value: number
}

/** A comparison with a string or a list of strings: a column, a param or a tag. */
export interface LoggedModelStringClause {
  type: 'attribute' | 'param' | 'tag'
  key: string
  comparator: LoggedModelStringComparator
  value: string | string[]
}

/** One checked comparison of a logged-model filter (attribute keys are column names). */
export type LoggedModelFilterClause = LoggedModelNumericClause | LoggedModelStringClause

/**
 * Whether a clause compares with a number.
 *
 * @example
 * isNumericClause({ type: 'metric', key: 'acc', comparator: '>', value: 0.5 }) // true
 */
export function isNumericClause(
  clause: LoggedModelFilterClause,
): clause is LoggedModelNumericClause {
  return typeof clause.value === 'number'
}

const invalidFilter = (filter: string, expected: string) =>
  StoreError.invalidParameter(`Invalid filter string: ${pythonRepr(filter)}. ${expected}`)

/**
 * Parses and checks a logged-model filter; an absent or empty filter has no clauses.
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE` with MLflow's message.
 * @example
 * parseLoggedModelFilter({ filter: "metrics.acc > 0.8 AND name LIKE 'qa-%'" })
 * // [{ type: 'metric', key: 'acc', comparator: '>', value: 0.8 },
 * //  { type: 'attribute', key: 'name', comparator: 'LIKE', value: 'qa-%' }]
 */
export function parseLoggedModelFilter(options: {
  filter: string | undefined
}): LoggedModelFilterClause[] {
  const filter = options.filter ?? ''
  if (filter === '') return []
  if (filter.trim() === '') throw invalidFilter(filter, 'Expected a single SQL expression.')
  let comparisons: RawComparison[]
  try {
    comparisons = parseFilterComparisons({ filter })
  } catch (error) {
    if (!StoreError.isInstance(error)) throw error
    throw invalidFilter(
      filter,
      "Expected a list of comparisons separated by 'AND' (e.g. 'metrics.loss > 0.1 AND " +
        "params.lr = 0.01').",
    )
  }
  return comparisons.map(toClause)
}

const identifierPattern = /^([a-z]+)\.(.+)$/s

function stripBackticks(text: string): string {
  return text.replace(/^`+|`+$/g, '')
}

function resolveEntity(identifier: string): { type: LoggedModelFilterClause['type']; key: string } {
  const match = identifierPattern.exec(identifier)
  if (!match) {
    const key = stripBackticks(identifier)
    return { type: 'attribute', key: LOGGED_MODEL_ATTRIBUTE_ALIASES[key] ?? key }
  }
  const entity = match[1] as string
  const key = stripBackticks(match[2] as string)
  switch (entity) {
    case 'attributes':
      return { type: 'attribute', key: LOGGED_MODEL_ATTRIBUTE_ALIASES[key] ?? key }
    case 'metrics':
      return { type: 'metric', key }
    case 'params':
      return { type: 'param', key }
    case 'tags':
      return { type: 'tag', key }
    default:
      throw StoreError.invalidParameter(
        `Invalid entity type: ${pythonRepr(entity)}. ` +
          `Expected one of ${pythonCollection(ENTITY_TYPES, '[]')}.`,
      )
  }
}

const entityNames = { attribute: 'attributes', metric: 'metrics', param: 'params', tag: 'tags' }

function toClause(raw: RawComparison): LoggedModelFilterClause {
  const { type, key } = resolveEntity(raw.identifier)
  const numeric = type === 'metric' || (type === 'attribute' && NUMERIC_ATTRIBUTES.has(key))
  const comparators: readonly string[] = numeric ? NUMERIC_COMPARATORS : STRING_COMPARATORS
  if (!comparators.includes(raw.comparator)) {
    throw StoreError.invalidParameter(
      `Invalid comparison operator for ${entityNames[type]}.${key}: ${pythonRepr(raw.comparator)}. ` +
        `Expected one of ${pythonCollection(comparators, '()')}.`,
    )
  }
  if (type === 'attribute' && !(LOGGED_MODEL_ATTRIBUTES as readonly string[]).includes(key)) {
    throw StoreError.invalidParameter(
      `Invalid attribute key ${pythonRepr(key)} specified. ` +
        `Valid keys are ${pythonCollection(LOGGED_MODEL_ATTRIBUTES, '[]')}.`,
    )
  }
  const value = raw.value as FilterValueToken
  if (numeric) {
    const comparator = raw.comparator as LoggedModelNumericComparator
    return { type: type as 'attribute' | 'metric', key, comparator, value: numericValue(value) }
  }
  const comparator = raw.comparator as LoggedModelStringComparator
  const isList = comparator === 'IN' || comparator === 'NOT IN'
  if (isList !== (value.kind === 'list')) {
    throw StoreError.invalidParameter(
      isList
        ? `${comparator} needs a parenthesised list of quoted strings, e.g. ('a', 'b').`
        : `Invalid comparator ${pythonRepr(comparator)} for a list of values; use IN or NOT IN.`,
    )
  }
  return {
    type: type as 'attribute' | 'param' | 'tag',
    key,
    comparator,
    value: value.kind === 'list' ? value.values : stringValue(value),
  }
}

/** A number as Python's `float()` reads it (including `inf` and `nan`). */
function numericValue(value: FilterValueToken): number {
  const text = value.text
  if (value.kind === 'number') return Number(value.text)
  const special = /^([+-]?)(inf|infinity|nan)$/i.exec(text)
  if (value.kind === 'unquoted' && special) {
    if (special[2]?.toLowerCase() === 'nan') return Number.NaN
    return special[1] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY
  }
  throw StoreError.invalidParameter(`could not convert string to float: ${pythonRepr(text)}`)
}

/** MLflow strips single quotes only (`'a'` → `a`, `"a"` stays `"a"`). */
function stringValue(value: FilterValueToken): string {
  return value.text.replace(/^'+|'+$/g, '')
}
