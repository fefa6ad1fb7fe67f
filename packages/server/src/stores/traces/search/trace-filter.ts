/**
 * @module trace-filter
 * MLflow's trace search filter (spec §5.5), parsed and checked the way MLflow 3.17 checks it:
 * identifiers `attribute.` / `attributes.` / `trace.` (or none), `tag(s).`, `metadata.` /
 * `request_metadata.`, `span.`, `feedback.`, `expectation.`, `issue.`; the attribute aliases
 * `name` (tag `mlflow.traceName`), `run_id` (metadata `mlflow.sourceRun`), `prompt`
 * (tag `mlflow.linkedPrompts`), `text` (span content), `timestamp` / `execution_time` /
 * `end_time` (their `_ms` columns).
 */
import type { FilterValueToken, RawComparison } from '../../search/filter-ast.ts'
import { parseFilterComparisons } from '../../search/parse-filter-comparisons.ts'
import { pythonCollection } from '../../python-format.ts'
import { StoreError } from '../../store-error.ts'

/** The identifier types of a trace filter after aliases. */
export type TraceFilterType =
  | 'attribute'
  | 'tag'
  | 'request_metadata'
  | 'span'
  | 'feedback'
  | 'expectation'
  | 'issue'

/** One checked comparison. `value` is null for `IS [NOT] NULL`. */
export interface TraceFilterClause {
  type: TraceFilterType
  key: string
  comparator: string
  value: string | number | string[] | null
}

const IDENTIFIERS: Record<string, TraceFilterType> = {
  tag: 'tag',
  tags: 'tag',
  attribute: 'attribute',
  attributes: 'attribute',
  trace: 'attribute',
  request_metadata: 'request_metadata',
  metadata: 'request_metadata',
  span: 'span',
  feedback: 'feedback',
  expectation: 'expectation',
  issue: 'issue',
}

/** Attribute keys a filter may name (before aliases). */
export const TRACE_FILTER_ATTRIBUTES = [
  'request_id',
  'timestamp',
  'timestamp_ms',
  'execution_time',
  'execution_time_ms',
  'end_time',
  'end_time_ms',
  'status',
  'client_request_id',
  'name',
  'run_id',
  'prompt',
  'text',
]

/** Attribute keys that hold numbers. */
export const NUMERIC_TRACE_ATTRIBUTES = new Set([
  'timestamp_ms',
  'timestamp',
  'execution_time_ms',
  'execution_time',
  'end_time_ms',
  'end_time',
])

const LIST_ATTRIBUTES = ['name', 'status', 'request_id', 'run_id', 'client_request_id']
const NUMERIC_ASSESSMENT_COMPARATORS = ['>', '>=', '<', '<=']

const KEY_ALIASES: Record<string, [TraceFilterType | undefined, string]> = {
  name: ['tag', 'mlflow.traceName'],
  prompt: ['tag', 'mlflow.linkedPrompts'],
  run_id: ['request_metadata', 'mlflow.sourceRun'],
  text: ['span', 'content'],
  timestamp: [undefined, 'timestamp_ms'],
  execution_time: [undefined, 'execution_time_ms'],
  end_time: [undefined, 'end_time_ms'],
}

/**
 * Resolves an identifier's type and key as MLflow does (also used by `order_by`).
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE` for an unknown type or attribute key.
 */
export function resolveTraceIdentifier(options: {
  entity: string | undefined
  key: string
  validAttributes: readonly string[]
}): { type: TraceFilterType; key: string } {
  const { entity, key } = options
  const type = entity === undefined ? 'attribute' : IDENTIFIERS[entity]
  if (type === undefined) {
    throw StoreError.invalidParameter(
      `Invalid entity type '${entity}'. Valid values are ` +
        pythonCollection(Object.keys(IDENTIFIERS), '{}'),
    )
  }
  if (type === 'attribute' && !options.validAttributes.includes(key)) {
    throw StoreError.invalidParameter(
      `Invalid attribute key '${key}' specified. Valid keys are ` +
        `'${pythonCollection(options.validAttributes, '{}')}'`,
    )
  }
  return { type, key }
}

/**
 * Applies MLflow's key aliases (not to span keys): `name`, `prompt`, `run_id`, `text`, and the
 * time aliases, whatever the written type.
 */
export function applyTraceKeyAlias(identifier: { type: TraceFilterType; key: string }): {
  type: TraceFilterType
  key: string
} {
  if (identifier.type === 'span') return identifier
  const alias = KEY_ALIASES[identifier.key.toLowerCase()]
  if (alias === undefined) return identifier
  return { type: alias[0] ?? identifier.type, key: alias[1] }
}

/**
 * Parses and checks a trace search filter.
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE` with MLflow's messages.
 * @example
 * parseTraceFilter({ filter: "name = 'agent' AND span.type = 'LLM'" })
 * // [{ type: 'tag', key: 'mlflow.traceName', comparator: '=', value: 'agent' },
 * //  { type: 'span', key: 'type', comparator: '=', value: 'LLM' }]
 */
export function parseTraceFilter(options: { filter: string | undefined }): TraceFilterClause[] {
  return parseFilterComparisons(options).map(toClause)
}

function toClause(raw: RawComparison): TraceFilterClause {
  if (
    raw.entity === undefined &&
    raw.key.toUpperCase() === 'TEXT' &&
    !raw.identifier.startsWith('`')
  ) {
    throw StoreError.invalidParameter(
      `Invalid clause(s) in filter string: '${raw.identifier}', '${raw.comparator}'`,
    )
  }
  const written = resolveTraceIdentifier({
    entity: raw.entity,
    key: raw.key,
    validAttributes: TRACE_FILTER_ATTRIBUTES,
  })
  const comparator = raw.comparator
  let value: TraceFilterClause['value'] = null
  if (raw.value !== undefined) {
    checkAssessmentValue(written.type, comparator, raw.value)
    value = readValue(written.type, written.key, raw.value)
  }
  const { type, key } = applyTraceKeyAlias(written)
  if (type === 'span') checkSpanClause(key, comparator)
  return { type, key, comparator, value }
}

function readValue(
  type: TraceFilterType,
  key: string,
  token: FilterValueToken,
): TraceFilterClause['value'] {
  if (token.kind === 'string') return token.value
  if (token.kind === 'unquoted') {
    throw StoreError.invalidParameter(
      'Parameter value is either not quoted or unidentified quote types used for string value ' +
        `${token.text}. Use either single or double quotes.`,
    )
  }
  if (token.kind === 'list') {
    if (type === 'attribute' && !LIST_ATTRIBUTES.includes(key)) {
      throw StoreError.invalidParameter(
        `Only attributes in ${pythonCollection(LIST_ATTRIBUTES, '{}')} supports comparison ` +
          'with a list of quoted string values.',
      )
    }
    if (type === 'tag' || type === 'attribute' || type === 'span') return token.values
    throw expectedQuoted(type, token.text)
  }
  // A number.
  if (type === 'attribute') {
    if (!NUMERIC_TRACE_ATTRIBUTES.has(key)) {
      throw StoreError.invalidParameter(
        `Only the '${pythonCollection([...NUMERIC_TRACE_ATTRIBUTES], '{}')}' attributes support ` +
          'comparison with numeric values.',
      )
    }
    return Number(token.text)
  }
  if (type === 'feedback' || type === 'expectation') return Number(token.text)
  throw expectedQuoted(type, token.text)
}

function expectedQuoted(type: TraceFilterType, text: string): StoreError {
  const what = type === 'attribute' ? 'attributes' : type
  return StoreError.invalidParameter(
    `Expected a quoted string value for ${what} (e.g. 'my-value'). Got value ${text}`,
  )
}

function checkAssessmentValue(
  type: TraceFilterType,
  comparator: string,
  token: FilterValueToken,
): void {
  if (type !== 'feedback' && type !== 'expectation') return
  const numeric = NUMERIC_ASSESSMENT_COMPARATORS.includes(comparator)
  const message = numeric
    ? `Expected a numeric value for ${type} when using comparator '${comparator}'. Got value ${token.text}`
    : `Expected a quoted string value for ${type} (e.g. 'my-value'). Got value ${token.text}`
  const ok = token.kind === 'number' ? numeric : token.kind === 'string' && !numeric
  if (!ok) throw StoreError.invalidParameter(message)
}

const SPAN_COMPARATORS = ['!=', '=', 'IN', 'NOT IN', 'LIKE', 'ILIKE', 'RLIKE']

function checkSpanClause(key: string, comparator: string): void {
  if (key.startsWith('attributes.')) {
    if (key === 'attributes.') {
      throw StoreError.invalidParameter("Span attribute name cannot be empty after 'attributes.'")
    }
    checkComparatorIn(`span.${key} comparator`, comparator, SPAN_COMPARATORS)
  } else if (key === 'name' || key === 'type' || key === 'status') {
    checkComparatorIn(`span.${key} comparator`, comparator, SPAN_COMPARATORS)
  } else if (key === 'content') {
    checkComparatorIn(`span.${key} comparator`, comparator, ['LIKE', 'ILIKE'])
  } else {
    throw StoreError.invalidParameter(
      `Invalid span attribute '${key}'. Supported attributes: name, status, type, ` +
        'attributes.<attribute_name>.',
    )
  }
}

/**
 * Throws MLflow's "comparator not one of" error unless `comparator` is valid.
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE`.
 */
export function checkComparatorIn(
  what: string,
  comparator: string,
  valid: readonly string[],
): void {
  if (valid.includes(comparator)) return
  throw StoreError.invalidParameter(
    `${what} '${comparator}' not one of '${pythonCollection(valid, '{}')}'`,
  )
}
