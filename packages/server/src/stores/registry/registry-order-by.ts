/**
 * @module registry-order-by
 * `order_by` of the registry searches (spec §5.7): `<key> [ASC|DESC]`, backticks or double
 * quotes allowed around the key. Registered models order by `name` or by their last update
 * (`timestamp`, `last_updated_timestamp`), ties broken by `name ASC`; model versions by `name`,
 * `version_number`, `creation_timestamp`, `last_updated_timestamp` (default
 * `last_updated_timestamp DESC`), ties broken by `name ASC`, then `version_number DESC`.
 */
import { pythonCollection } from '../python-format.ts'
import { joinSql, raw, type SqlFragment } from '../sql/sql-fragment.ts'
import { StoreError } from '../store-error.ts'
import type { RegistrySearchKind } from './registry-filter.ts'

const registeredModelColumns: Record<string, string> = {
  name: 'rm.name',
  timestamp: 'rm.last_updated_time',
  last_updated_timestamp: 'rm.last_updated_time',
}

const modelVersionColumns: Record<string, string> = {
  name: 'mv.name',
  version_number: 'mv.version',
  creation_timestamp: 'mv.creation_time',
  last_updated_timestamp: 'mv.last_updated_time',
}

const DEFAULT_MODEL_VERSION_ORDER = [
  'last_updated_timestamp DESC',
  'name ASC',
  'version_number DESC',
]

/** Splits like Python's `shlex.split` after MLflow turns backticks into double quotes. */
function shellWords(text: string): string[] {
  const words: string[] = []
  let current = ''
  let inWord = false
  let quote: string | undefined
  for (const char of text.replace(/`/g, '"')) {
    if (quote !== undefined) {
      if (char === quote) quote = undefined
      else current += char
    } else if (char === '"' || char === "'") {
      quote = char
      inWord = true
    } else if (/\s/.test(char)) {
      if (inWord) words.push(current)
      current = ''
      inWord = false
    } else {
      current += char
      inWord = true
    }
  }
  if (quote !== undefined) return []
  if (inWord) words.push(current)
  return words
}

function parseEntry(entry: string): { key: string; ascending: boolean } {
  const unparsable = () =>
    StoreError.invalidParameter(`Invalid order_by clause '${entry}'. Could not be parsed.`)
  const words = shellWords(entry.trim())
  if (words.length === 0 || words.length > 2) throw unparsable()
  const [key, direction] = words as [string, string | undefined]
  if (direction === undefined) return { key, ascending: true }
  const lower = direction.toLowerCase()
  if (lower !== 'asc' && lower !== 'desc') {
    throw StoreError.invalidParameter(`Invalid ordering key in order_by clause '${entry}'.`)
  }
  return { key, ascending: lower === 'asc' }
}

function resolveKey(kind: RegistrySearchKind, key: string): string {
  if (kind === 'registered-model') {
    const column = registeredModelColumns[key]
    if (column === undefined) {
      throw StoreError.invalidParameter(
        `Invalid order by key '${key}' specified. Valid keys are ` +
          `'${pythonCollection(['name', 'timestamp'], '{}')}'`,
      )
    }
    return column
  }
  const dot = key.indexOf('.')
  const entity = dot === -1 ? undefined : key.slice(0, dot)
  const bare = dot === -1 ? key : key.slice(dot + 1)
  if (entity !== undefined && !['attribute', 'tag', 'tags'].includes(entity)) {
    throw StoreError.invalidParameter(
      `Invalid entity type '${entity}'. Valid entity types are ('attribute', 'tag', 'tags')`,
    )
  }
  const column = modelVersionColumns[bare]
  if (column === undefined) {
    throw StoreError.invalidParameter(
      `Invalid order by key '${bare}' specified. Valid keys are ` +
        `${pythonCollection(Object.keys(modelVersionColumns), '{}')}`,
    )
  }
  return column
}

/**
 * The `ORDER BY` terms of a registry search.
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE` for an unknown key, a bad direction or a key
 *   listed twice (MLflow answers the last with a 500).
 * @example
 * compileRegistryOrderBy({ kind: 'registered-model', orderBy: ['timestamp DESC'] })
 * // rm.last_updated_time DESC, rm.name ASC
 */
export function compileRegistryOrderBy(options: {
  kind: RegistrySearchKind
  orderBy: readonly string[] | undefined
}): SqlFragment {
  const { kind } = options
  const entries =
    options.orderBy !== undefined && options.orderBy.length > 0
      ? options.orderBy
      : kind === 'model-version'
        ? DEFAULT_MODEL_VERSION_ORDER
        : []
  const seen = new Set<string>()
  const terms: string[] = []
  for (const entry of entries) {
    const { key, ascending } = parseEntry(entry)
    const column = resolveKey(kind, key)
    if (seen.has(column)) {
      throw StoreError.invalidParameter(
        `\`order_by\` contains duplicate fields: ${pythonCollection(entries, '[]')}`,
      )
    }
    seen.add(column)
    terms.push(`${column} ${ascending ? 'ASC' : 'DESC'}`)
  }
  const prefix = kind === 'registered-model' ? 'rm' : 'mv'
  if (!seen.has(`${prefix}.name`)) terms.push(`${prefix}.name ASC`)
  if (kind === 'model-version' && !seen.has('mv.version')) terms.push('mv.version DESC')
  return joinSql(
    terms.map((term) => raw(term)),
    ', ',
  )
}
