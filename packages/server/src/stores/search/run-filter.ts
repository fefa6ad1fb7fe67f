/**
 * @module run-filter
 * MLflow's run search filter (`runs/search.filter`): identifiers `metrics.`, `params.`, `tags.`,
 * `attributes.` (or none) and `datasets.` with their aliases, checked the way MLflow checks them
 * and with MLflow's messages.
 */
import { StoreError } from '../store-error.ts'
import type {
  FilterValueToken,
  NumericComparator,
  RawComparison,
  RunFilterClause,
  RunNumericAttribute,
  RunStringAttribute,
} from './filter-ast.ts'
import { parseFilterComparisons } from './parse-filter-comparisons.ts'
import { pythonCollection } from '../python-format.ts'

/** The entity types of run identifiers, named as MLflow names them in its messages. */
export type RunEntityType = 'metric' | 'parameter' | 'tag' | 'attribute' | 'dataset'

const entityAliases: Record<string, RunEntityType> = {
  metric: 'metric',
  metrics: 'metric',
  parameter: 'parameter',
  parameters: 'parameter',
  param: 'parameter',
  params: 'parameter',
  tag: 'tag',
  tags: 'tag',
  attribute: 'attribute',
  attributes: 'attribute',
  attr: 'attribute',
  run: 'attribute',
  dataset: 'dataset',
  datasets: 'dataset',
}

const entityTypes: RunEntityType[] = ['metric', 'parameter', 'tag', 'attribute', 'dataset']

/** Attribute names accepted in filters, aliases included; `lifecycle_stage` is our addition. */
export const RUN_FILTER_ATTRIBUTES = [
  'Created',
  'Run Name',
  'Run name',
  'artifact_uri',
  'created',
  'end_time',
  'lifecycle_stage',
  'run name',
  'run_id',
  'run_name',
  'start_time',
  'status',
  'user_id',
] as const

/** Attribute names accepted in `order_by` (no run-name aliases, as in MLflow). */
export const RUN_ORDER_BY_ATTRIBUTES = [
  'Created',
  'artifact_uri',
  'created',
  'end_time',
  'lifecycle_stage',
  'run_id',
  'run_name',
  'start_time',
  'status',
  'user_id',
] as const

const numericAttributes = new Set(['start_time', 'end_time', 'created', 'Created'])
const datasetKeys = ['name', 'digest', 'context'] as const

/** MLflow's comparator sets, in a fixed order for stable messages. */
export const COMPARATORS = {
  numeric: ['=', '!=', '>', '>=', '<', '<='],
  paramOrTag: ['=', '!=', 'LIKE', 'ILIKE', 'IS NULL', 'IS NOT NULL'],
  stringAttribute: ['=', '!=', 'LIKE', 'ILIKE', 'IN', 'NOT IN'],
  dataset: ['=', '!=', 'LIKE', 'ILIKE', 'IN', 'NOT IN'],
} as const

/** Resolves MLflow's attribute aliases: `created` → `start_time`, `run name` → `run_name`. */
export function translateRunAttributeAlias(key: string): string {
  if (key === 'created' || key === 'Created') return 'start_time'
  if (key === 'run name' || key === 'Run name' || key === 'Run Name') return 'run_name'
  return key
}

/**
 * Splits an identifier's entity part into MLflow's entity type (no entity = attribute), checking
 * it and the key as MLflow does.
 */
export function resolveRunIdentifier(options: {
  entity: string | undefined
  key: string
  validAttributes: readonly string[]
}): { type: RunEntityType; key: string } {
  const { entity, key, validAttributes } = options
  const type = entity === undefined ? 'attribute' : entityAliases[entity]
  if (type === undefined) {
    throw StoreError.invalidParameter(
      `Invalid entity type '${entity}'. Valid values are ${pythonCollection(entityTypes, '[]')}`,
    )
  }
  if (type === 'attribute' && !validAttributes.includes(key)) {
    throw StoreError.invalidParameter(
      `Invalid attribute key '${key}' specified. ` +
        `Valid keys are '${pythonCollection(validAttributes, '{}')}'`,
    )
  }
  if (type === 'dataset' && !(datasetKeys as readonly string[]).includes(key)) {
    throw StoreError.invalidParameter(
      `Invalid dataset key '${key}' specified. ` +
        `Valid keys are '${pythonCollection(datasetKeys, '{}')}'`,
    )
  }
  return { type, key }
}

/**
 * Parses and checks a run search filter.
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE` with MLflow's message.
 * @example
 * parseRunFilter({ filter: "metrics.acc > 0.9 and run_id IN ('a', 'b')" })
 * // [{ type: 'metric', key: 'acc', comparator: '>', value: 0.9 },
 * //  { type: 'attribute', key: 'run_id', comparator: 'IN', value: ['a', 'b'] }]
 */
export function parseRunFilter(options: { filter: string | undefined }): RunFilterClause[] {
  return parseFilterComparisons(options).map(toRunClause)
}

function toRunClause(raw: RawComparison): RunFilterClause {
  const { type, key } = resolveRunIdentifier({
    entity: raw.entity,
    key: raw.key,
    validAttributes: RUN_FILTER_ATTRIBUTES,
  })
  const comparator = raw.comparator
  if (raw.value === undefined) {
    if (type !== 'tag' && type !== 'parameter') {
      throw StoreError.invalidParameter(
        `IS NULL / IS NOT NULL is only supported for tags and params, not for '${type}' '${key}'`,
      )
    }
    return { type, key, comparator: comparator as 'IS NULL' | 'IS NOT NULL', value: null }
  }
  const value = raw.value
  switch (type) {
    case 'metric': {
      if (value.kind !== 'number') {
        throw StoreError.invalidParameter(
          `Expected numeric value type for metric. Found ${value.text}`,
        )
      }
      checkComparator(comparator, COMPARATORS.numeric, 'metric')
      return { type, key, comparator: comparator as NumericComparator, value: Number(value.text) }
    }
    case 'parameter':
    case 'tag': {
      const text = quotedValue(value, () =>
        StoreError.invalidParameter(
          `Expected a quoted string value for ${type} (e.g. 'my-value'). Got value ${value.text}`,
        ),
      )
      checkComparator(comparator, COMPARATORS.paramOrTag, type)
      return { type, key, comparator: comparator as '=', value: text }
    }
    case 'attribute':
      return toAttributeClause(key, comparator, value)
    case 'dataset':
      return toDatasetClause(key as 'name', comparator, value)
  }
}

function toAttributeClause(
  rawKey: string,
  comparator: string,
  value: FilterValueToken,
): RunFilterClause {
  if (numericAttributes.has(rawKey)) {
    if (value.kind !== 'number') {
      throw StoreError.invalidParameter(
        `Expected numeric value type for numeric attribute: ${rawKey}. Found ${value.text}`,
      )
    }
    checkComparator(comparator, COMPARATORS.numeric, 'numeric attribute')
    const key = translateRunAttributeAlias(rawKey) as RunNumericAttribute
    return { type: 'attribute', key, comparator: comparator as '=', value: Number(value.text) }
  }
  const key = translateRunAttributeAlias(rawKey) as RunStringAttribute
  if (value.kind === 'list') {
    if (key !== 'run_id') {
      throw StoreError.invalidParameter(
        "Only ['run_id'] attributes support comparison with a list of quoted string values.",
      )
    }
    checkComparator(comparator, COMPARATORS.stringAttribute, 'string attribute')
    if (comparator !== 'IN' && comparator !== 'NOT IN') throw listNeedsIn(comparator)
    return { type: 'attribute', key, comparator, value: value.values }
  }
  if (value.kind === 'number') {
    throw StoreError.invalidParameter(
      `Expected a quoted string value for attributes. Got value ${value.text}`,
    )
  }
  const text = quotedValue(value, () => notQuoted(value.text))
  checkComparator(comparator, COMPARATORS.stringAttribute, 'string attribute')
  if (comparator === 'IN' || comparator === 'NOT IN') throw inNeedsList(comparator)
  return { type: 'attribute', key, comparator: comparator as '=', value: text }
}

function toDatasetClause(
  key: 'name' | 'digest' | 'context',
  comparator: string,
  value: FilterValueToken,
): RunFilterClause {
  if (value.kind === 'list') {
    checkComparator(comparator, COMPARATORS.dataset, 'dataset')
    if (comparator !== 'IN' && comparator !== 'NOT IN') throw listNeedsIn(comparator)
    return { type: 'dataset', key, comparator, value: value.values }
  }
  if (value.kind !== 'string') {
    throw StoreError.invalidParameter(
      `Expected a quoted string value for dataset attributes. Got value ${value.text}`,
    )
  }
  checkComparator(comparator, COMPARATORS.dataset, 'dataset')
  if (comparator === 'IN' || comparator === 'NOT IN') throw inNeedsList(comparator)
  return { type: 'dataset', key, comparator: comparator as '=', value: value.value }
}

/** Returns the text of a quoted string value, or throws MLflow's "not quoted" error. */
export function quotedValue(value: FilterValueToken, onNumber: () => StoreError): string {
  if (value.kind === 'string') return value.value
  if (value.kind === 'unquoted') throw notQuoted(value.text)
  throw onNumber()
}

function notQuoted(text: string): StoreError {
  return StoreError.invalidParameter(
    'Parameter value is either not quoted or unidentified quote types used for string value ' +
      `${text}. Use either single or double quotes.`,
  )
}

function listNeedsIn(comparator: string): StoreError {
  return StoreError.invalidParameter(
    `Invalid comparator '${comparator}' for a list of values; use IN or NOT IN.`,
  )
}

function inNeedsList(comparator: string): StoreError {
  return StoreError.invalidParameter(
    `${comparator} needs a parenthesised list of quoted strings, e.g. ('a', 'b').`,
  )
}

/** Throws MLflow's "Invalid comparator" message when `comparator` is not in `valid`. */
export function checkComparator(comparator: string, valid: readonly string[], what: string): void {
  if (valid.includes(comparator)) return
  // MLflow's messages for metrics, tags, datasets and numeric attributes lack the closing quote.
  const close = what === 'parameter' || what === 'string attribute' ? "'" : ''
  throw StoreError.invalidParameter(
    `Invalid comparator '${comparator}' not one of '${pythonCollection(valid, '{}')}${close}`,
  )
}
