/**
 * @module experiment-filter
 * MLflow's experiment search filter: attributes `name`, `experiment_id`, `creation_time`,
 * `last_update_time` and `tags.<key>`, with MLflow's checks and messages.
 */
import { StoreError } from '../store-error.ts'
import type { ExperimentFilterClause, NumericComparator, RawComparison } from './filter-ast.ts'
import { parseFilterComparisons } from './parse-filter-comparisons.ts'
import { pythonCollection } from '../python-format.ts'
import { checkComparator, COMPARATORS, quotedValue } from './run-filter.ts'

/** The experiment attributes one can filter and order by. */
export const EXPERIMENT_ATTRIBUTES = [
  'creation_time',
  'experiment_id',
  'last_update_time',
  'name',
] as const

const entityTypes = ['attribute', 'tag', 'tags'] as const

/**
 * Resolves an experiment identifier to `attribute` or `tag`, checking it as MLflow does.
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE`.
 */
export function resolveExperimentIdentifier(options: { entity: string | undefined; key: string }): {
  type: 'attribute' | 'tag'
  key: string
} {
  const { entity, key } = options
  if (entity !== undefined && !(entityTypes as readonly string[]).includes(entity)) {
    throw StoreError.invalidParameter(
      `Invalid entity type '${entity}'. Valid entity types are ${pythonCollection(entityTypes, '()')}`,
    )
  }
  const type = entity === undefined || entity === 'attribute' ? 'attribute' : 'tag'
  if (type === 'attribute' && !(EXPERIMENT_ATTRIBUTES as readonly string[]).includes(key)) {
    throw StoreError.invalidParameter(
      `Invalid attribute key '${key}' specified. ` +
        `Valid keys are '${pythonCollection(EXPERIMENT_ATTRIBUTES, '{}')}'`,
    )
  }
  return { type, key }
}

/**
 * Parses and checks an experiment search filter.
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE` with MLflow's message.
 * @example
 * parseExperimentFilter({ filter: "name LIKE 'dspy-%' AND tags.team = 'nlp'" })
 */
export function parseExperimentFilter(options: {
  filter: string | undefined
}): ExperimentFilterClause[] {
  return parseFilterComparisons(options).map(toExperimentClause)
}

function toExperimentClause(raw: RawComparison): ExperimentFilterClause {
  const { type, key } = resolveExperimentIdentifier({ entity: raw.entity, key: raw.key })
  const comparator = raw.comparator
  const value = raw.value
  if (value === undefined) {
    if (type !== 'tag') {
      throw StoreError.invalidParameter(
        `IS NULL / IS NOT NULL is only supported for tags, not for attribute '${key}'`,
      )
    }
    return { type, key, comparator: comparator as 'IS NULL', value: null }
  }
  if (type === 'tag') {
    const text = quotedValue(value, () =>
      StoreError.invalidParameter(
        `Expected a quoted string value for tag (e.g. 'my-value'). Got value ${value.text}`,
      ),
    )
    if (!['=', '!=', 'LIKE', 'ILIKE'].includes(comparator)) {
      throw StoreError.invalidParameter(`Invalid comparator for tag: ${comparator}`)
    }
    return { type, key, comparator: comparator as '=', value: text }
  }
  if (key === 'creation_time' || key === 'last_update_time') {
    if (value.kind !== 'number') {
      throw StoreError.invalidParameter(
        `Expected numeric value type for numeric attribute: ${key}. Found ${value.text}`,
      )
    }
    checkComparator(comparator, COMPARATORS.numeric, 'numeric attribute')
    if (!/^-?\d+$/.test(value.text)) {
      throw StoreError.invalidParameter(
        `Invalid value for numeric attribute '${key}': '${value.text}'`,
      )
    }
    return { type, key, comparator: comparator as NumericComparator, value: Number(value.text) }
  }
  if (key === 'experiment_id') return toExperimentIdClause(comparator, raw)
  if (value.kind === 'list') {
    throw StoreError.invalidParameter(
      "Only ['experiment_id'] attributes support comparison with a list of quoted string values.",
    )
  }
  const text = quotedValue(value, () =>
    StoreError.invalidParameter(
      `Expected a quoted string value for attributes. Got value ${value.text}`,
    ),
  )
  if (!['=', '!=', 'LIKE', 'ILIKE'].includes(comparator)) {
    throw StoreError.invalidParameter(`Invalid comparator for string attribute: ${comparator}`)
  }
  return { type: 'attribute', key: 'name', comparator: comparator as '=', value: text }
}

function toExperimentIdClause(comparator: string, raw: RawComparison): ExperimentFilterClause {
  const value = raw.value
  if (!['=', '!=', 'IN', 'NOT IN'].includes(comparator)) {
    throw StoreError.invalidParameter(`Invalid comparator for experiment_id: ${comparator}`)
  }
  if (value?.kind === 'list') {
    if (comparator !== 'IN' && comparator !== 'NOT IN') {
      throw StoreError.invalidParameter(`Invalid comparator for experiment_id: ${comparator}`)
    }
    return {
      type: 'attribute',
      key: 'experiment_id',
      comparator,
      value: value.values.map(parseExperimentId),
    }
  }
  if (comparator === 'IN' || comparator === 'NOT IN') {
    throw StoreError.invalidParameter(`Invalid comparator for experiment_id: ${comparator}`)
  }
  const text = quotedValue(value as NonNullable<typeof value>, () =>
    StoreError.invalidParameter(
      `Expected a quoted string value for attributes. Got value ${value?.text}`,
    ),
  )
  return {
    type: 'attribute',
    key: 'experiment_id',
    comparator: comparator as '=',
    value: parseExperimentId(text),
  }
}

/**
 * Parses an experiment id (SQL stores use integers) with MLflow's message on failure.
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE`.
 * @example
 * parseExperimentId('42') // 42
 */
export function parseExperimentId(experimentId: string): number {
  const trimmed = experimentId.trim()
  if (!/^[-+]?\d+$/.test(trimmed) || !Number.isSafeInteger(Number(trimmed))) {
    throw StoreError.invalidParameter(
      `Invalid experiment ID '${experimentId}'. Experiment ID must be a valid integer.`,
    )
  }
  return Number(trimmed)
}
