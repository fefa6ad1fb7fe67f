/**
 * @module order-by
 * MLflow's `order_by` entries: `<identifier> [ASC|DESC]`, direction case-insensitive, keys
 * quoted with backticks or double quotes when they hold spaces or dashes.
 */
import { StoreError } from '../store-error.ts'
import { resolveExperimentIdentifier } from './experiment-filter.ts'
import type { ExperimentOrderByClause, RunOrderByClause } from './filter-ast.ts'
import { isKeyword, tokenizeFilter } from './filter-tokenizer.ts'
import { readIdentifier } from './parse-filter-comparisons.ts'
import { pythonCollection } from '../python-format.ts'
import {
  RUN_ORDER_BY_ATTRIBUTES,
  resolveRunIdentifier,
  translateRunAttributeAlias,
} from './run-filter.ts'

interface ParsedOrderBy {
  entity: string | undefined
  key: string
  ascending: boolean
}

function parseOrderByEntry(orderBy: string): ParsedOrderBy {
  const tokens = tokenizeFilter(orderBy)
  const unparsable = () =>
    StoreError.invalidParameter(`Invalid order_by clause '${orderBy}'. Could not be parsed.`)
  const identifier = readIdentifier(tokens, 0)
  if (!identifier) throw unparsable()
  const rest = tokens.slice(identifier.next)
  if (rest.length > 1) throw unparsable()
  const direction = rest[0]
  if (direction === undefined) {
    return { entity: identifier.parts.entity, key: identifier.parts.key, ascending: true }
  }
  if (!isKeyword(direction, 'ASC') && !isKeyword(direction, 'DESC')) {
    throw StoreError.invalidParameter(`Invalid ordering key in order_by clause '${orderBy}'.`)
  }
  return {
    entity: identifier.parts.entity,
    key: identifier.parts.key,
    ascending: isKeyword(direction, 'ASC'),
  }
}

/**
 * Parses a run search `order_by` list; duplicates are rejected.
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE` with MLflow's messages.
 * @example
 * parseRunOrderBy({ orderBy: ['metrics.`val loss` ASC', 'start_time DESC'] })
 * // [{ type: 'metric', key: 'val loss', ascending: true },
 * //  { type: 'attribute', key: 'start_time', ascending: false }]
 */
export function parseRunOrderBy(options: {
  orderBy: readonly string[] | undefined
}): RunOrderByClause[] {
  const orderBy = options.orderBy ?? []
  const seen = new Set<string>()
  return orderBy.map((entry) => {
    const parsed = parseOrderByEntry(entry)
    const resolved = resolveRunIdentifier({
      entity: parsed.entity,
      key: parsed.key,
      validAttributes: RUN_ORDER_BY_ATTRIBUTES,
    })
    if (resolved.type === 'dataset') {
      throw StoreError.invalidParameter("Invalid identifier type 'dataset'")
    }
    const key =
      resolved.type === 'attribute' ? translateRunAttributeAlias(resolved.key) : resolved.key
    const identity = `${resolved.type}\u0000${key}`
    if (seen.has(identity)) {
      throw StoreError.invalidParameter(
        `\`order_by\` contains duplicate fields: ${pythonCollection(orderBy, '[]')}`,
      )
    }
    seen.add(identity)
    return { type: resolved.type, key, ascending: parsed.ascending }
  })
}

/**
 * Parses an experiment search `order_by` list (attributes only).
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE` with MLflow's messages.
 * @example
 * parseExperimentOrderBy({ orderBy: ['name ASC'] }) // [{ key: 'name', ascending: true }]
 */
export function parseExperimentOrderBy(options: {
  orderBy: readonly string[] | undefined
}): ExperimentOrderByClause[] {
  return (options.orderBy ?? []).map((entry) => {
    const parsed = parseOrderByEntry(entry)
    const resolved = resolveExperimentIdentifier({ entity: parsed.entity, key: parsed.key })
    if (resolved.type !== 'attribute') {
      throw StoreError.invalidParameter(`Invalid order_by entity: ${resolved.type}`)
    }
    return { key: resolved.key as ExperimentOrderByClause['key'], ascending: parsed.ascending }
  })
}
