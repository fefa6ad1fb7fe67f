/**
 * @module registry-filter
 * MLflow's registry search filters (spec §5.3, §5.4), parsed with the shared filter grammar and
 * checked with the rules and messages of MLflow's registry search: registered models filter on
 * `name` and `tags.<key>`; model versions on `name`, `run_id`, `source_path`, `version_number`
 * and `tags.<key>`. Only `name` (and, for versions, `run_id`) take `IN (…)` lists.
 */
import type { FilterComparator, FilterValueToken, RawComparison } from '../search/filter-ast.ts'
import { parseFilterComparisons } from '../search/parse-filter-comparisons.ts'
import { pythonCollection, pythonRepr } from '../python-format.ts'
import { StoreError } from '../store-error.ts'

/** Which search a filter belongs to. */
export type RegistrySearchKind = 'registered-model' | 'model-version'

/** One checked comparison of a registry filter. */
export type RegistryFilterClause =
  | {
      type: 'attribute'
      /** `name`, `run_id`, `source_path` or `version_number`. */
      key: string
      comparator: FilterComparator
      value: string | number | string[]
    }
  | { type: 'tag'; key: string; comparator: '=' | '!=' | 'LIKE' | 'ILIKE'; value: string }

interface KindRules {
  attributes: readonly string[]
  listKeys: readonly string[]
  numeric: readonly string[]
}

const rules: Record<RegistrySearchKind, KindRules> = {
  'registered-model': { attributes: ['name'], listKeys: ['name'], numeric: [] },
  'model-version': {
    attributes: ['name', 'version_number', 'run_id', 'source_path'],
    listKeys: ['name', 'run_id'],
    numeric: ['version_number'],
  },
}

const ENTITY_TYPES = ['attribute', 'tag', 'tags'] as const
const TAG_COMPARATORS = ['=', '!=', 'LIKE', 'ILIKE']
const STRING_COMPARATORS = ['=', '!=', 'LIKE', 'ILIKE', 'IN', 'NOT IN']
const NUMERIC_COMPARATORS = ['=', '!=', '>', '>=', '<', '<=']

/**
 * Parses and checks a registry search filter.
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE` with MLflow's message.
 * @example
 * parseRegistryFilter({ kind: 'model-version', filter: "run_id IN ('a', 'b') AND version_number > 1" })
 * // [{ type: 'attribute', key: 'run_id', comparator: 'IN', value: ['a', 'b'] },
 * //  { type: 'attribute', key: 'version_number', comparator: '>', value: 1 }]
 */
export function parseRegistryFilter(options: {
  kind: RegistrySearchKind
  filter: string | undefined
}): RegistryFilterClause[] {
  const kindRules = rules[options.kind]
  return parseFilterComparisons({ filter: options.filter }).map((raw) => toClause(raw, kindRules))
}

function toClause(raw: RawComparison, kindRules: KindRules): RegistryFilterClause {
  const { entity, key } = raw
  if (entity !== undefined && !(ENTITY_TYPES as readonly string[]).includes(entity)) {
    throw StoreError.invalidParameter(
      `Invalid entity type '${entity}'. Valid entity types are ${pythonCollection(ENTITY_TYPES, '()')}`,
    )
  }
  const type = entity === 'tag' || entity === 'tags' ? 'tag' : 'attribute'
  if (type === 'attribute' && !kindRules.attributes.includes(key)) {
    throw StoreError.invalidParameter(
      `Invalid attribute key '${key}' specified. ` +
        `Valid keys are '${pythonCollection(kindRules.attributes, '{}')}'`,
    )
  }
  if (raw.value === undefined) {
    // MLflow's registry grammar has no IS NULL (its parser fails with a 500).
    throw StoreError.invalidParameter(
      `Invalid comparison clause '${raw.identifier} ${raw.comparator}': IS NULL and IS NOT NULL ` +
        'are not supported in registry searches',
    )
  }
  const comparator = raw.comparator
  if (type === 'tag') {
    const value = tagValue(raw.value)
    if (!TAG_COMPARATORS.includes(comparator)) {
      throw StoreError.invalidParameter(`Invalid comparator for tag: ${comparator}`)
    }
    return { type, key, comparator: comparator as '=', value }
  }
  const value = attributeValue(key, raw.value, kindRules)
  if (kindRules.numeric.includes(key)) return numericClause(key, comparator, value)
  const isList = Array.isArray(value)
  if (
    !STRING_COMPARATORS.includes(comparator) ||
    ((comparator === 'IN' || comparator === 'NOT IN') &&
      (!kindRules.listKeys.includes(key) || !isList)) ||
    (isList && comparator !== 'IN' && comparator !== 'NOT IN')
  ) {
    throw StoreError.invalidParameter(`Invalid comparator for attribute: ${comparator}`)
  }
  return { type, key, comparator: comparator as FilterComparator, value }
}

function unquotedValueError(token: FilterValueToken): StoreError {
  return StoreError.invalidParameter(
    'Parameter value is either not quoted or unidentified quote types used for string value ' +
      `${token.text}. Use either single or double quotes.`,
  )
}

function tagValue(token: FilterValueToken): string {
  if (token.kind === 'string') return token.value
  if (token.kind === 'unquoted') throw unquotedValueError(token)
  throw StoreError.invalidParameter(
    `Expected a quoted string value for tag (e.g. 'my-value'). Got value ${token.text}`,
  )
}

function attributeValue(
  key: string,
  token: FilterValueToken,
  kindRules: KindRules,
): string | number | string[] {
  if (token.kind === 'string') return token.value
  if (token.kind === 'unquoted') throw unquotedValueError(token)
  if (token.kind === 'list') {
    if (!kindRules.listKeys.includes(key)) {
      throw StoreError.invalidParameter(
        `Only ${pythonCollection([...kindRules.listKeys].sort(), '[]')} attributes support ` +
          'comparison with a list of quoted string values.',
      )
    }
    return token.values
  }
  if (kindRules.numeric.length === 0) {
    throw StoreError.invalidParameter(
      'Expected a quoted string value or a list of quoted string values for attributes. ' +
        `Got value ${token.text}`,
    )
  }
  if (!kindRules.numeric.includes(key)) {
    throw StoreError.invalidParameter(
      `Only the '${pythonCollection(['version_number', 'creation_timestamp', 'last_updated_timestamp'], '{}')}' ` +
        'attributes support comparison with numeric values.',
    )
  }
  if (!/^[-+]?\d+$/.test(token.text)) {
    throw StoreError.invalidParameter(`Invalid value for numeric attribute '${key}': ${token.text}`)
  }
  return Number(token.text)
}

function numericClause(
  key: string,
  comparator: string,
  value: string | number | string[],
): RegistryFilterClause {
  if (!NUMERIC_COMPARATORS.includes(comparator)) {
    throw StoreError.invalidParameter(`Invalid comparator for attribute ${key}: ${comparator}`)
  }
  const invalid = () =>
    StoreError.invalidParameter(
      `Invalid value for numeric attribute '${key}': ${
        typeof value === 'string' ? pythonRepr(value) : String(value)
      }`,
    )
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw invalid()
    return { type: 'attribute', key, comparator: comparator as FilterComparator, value }
  }
  if (typeof value !== 'string' || !/^\s*[-+]?\d+(?:_\d+)*\s*$/.test(value)) throw invalid()
  return {
    type: 'attribute',
    key,
    comparator: comparator as FilterComparator,
    value: Number(value.trim().replace(/_/g, '')),
  }
}

/**
 * Whether a filter asks for prompts (`tags.mlflow.prompt.is_prompt = 'true'` or `!= 'false'`,
 * the first such tag clause deciding), as MLflow decides it.
 *
 * @example
 * isQueryingPrompts(parseRegistryFilter({ kind: 'registered-model',
 *   filter: "tags.`mlflow.prompt.is_prompt` = 'true'" })) // true
 */
export function isQueryingPrompts(
  clauses: readonly RegistryFilterClause[],
  promptTagKey: string,
): boolean {
  const clause = clauses.find((entry) => entry.type === 'tag' && entry.key === promptTagKey)
  if (clause === undefined || typeof clause.value !== 'string') return false
  const value = clause.value.toLowerCase()
  return (
    (clause.comparator === '=' && value === 'true') ||
    (clause.comparator === '!=' && value === 'false')
  )
}
