/**
 * @module trace-order-by
 * Trace search `order_by` (spec §5.5, §5.7): attributes (`timestamp(_ms)`, `execution_time(_ms)`,
 * `end_time(_ms)`, `status`, `request_id`, `experiment_id`), `name` (tag `mlflow.traceName`),
 * `run_id` (metadata `mlflow.sourceRun`), `tag.<k>`, `metadata.<k>`. Missing values sort last in
 * both directions; ties are broken by `timestamp_ms DESC` then `request_id ASC` unless listed.
 */
import { isKeyword, tokenizeFilter } from '../../search/filter-tokenizer.ts'
import { readIdentifier } from '../../search/parse-filter-comparisons.ts'
import { pythonCollection } from '../../python-format.ts'
import { joinSql, raw, type SqlFragment, sql } from '../../sql/sql-fragment.ts'
import { StoreError } from '../../store-error.ts'
import { isAnalyticsKey } from '../trace-analytics.ts'
import { applyTraceKeyAlias, resolveTraceIdentifier } from './trace-filter.ts'

/** Attribute keys `order_by` may name (before aliases). */
export const TRACE_ORDER_BY_ATTRIBUTES = [
  'experiment_id',
  'timestamp',
  'timestamp_ms',
  'execution_time',
  'execution_time_ms',
  'end_time',
  'end_time_ms',
  'status',
  'request_id',
  'name',
  'run_id',
]

/** One parsed `order_by` entry. */
export interface TraceOrderByClause {
  type: 'attribute' | 'tag' | 'request_metadata'
  key: string
  ascending: boolean
}

const ATTRIBUTE_COLUMNS: Record<string, { column: string; nullable: boolean }> = {
  experiment_id: { column: 'ti.experiment_id', nullable: false },
  timestamp_ms: { column: 'ti.timestamp_ms', nullable: false },
  execution_time_ms: { column: 'ti.execution_time_ms', nullable: true },
  end_time_ms: { column: '(ti.timestamp_ms + ti.execution_time_ms)', nullable: true },
  status: { column: 'ti.status', nullable: false },
  request_id: { column: 'ti.request_id', nullable: false },
}

function parseEntry(entry: string): {
  entity: string | undefined
  key: string
  ascending: boolean
} {
  const tokens = tokenizeFilter(entry)
  const unparsable = () =>
    StoreError.invalidParameter(`Invalid order_by clause '${entry}'. Could not be parsed.`)
  const identifier = readIdentifier(tokens, 0)
  if (!identifier) throw unparsable()
  const rest = tokens.slice(identifier.next)
  if (rest.length > 1) throw unparsable()
  const direction = rest[0]
  if (direction !== undefined && !isKeyword(direction, 'ASC') && !isKeyword(direction, 'DESC')) {
    throw StoreError.invalidParameter(`Invalid ordering key in order_by clause '${entry}'.`)
  }
  return {
    entity: identifier.parts.entity,
    key: identifier.parts.key,
    ascending: direction === undefined || isKeyword(direction, 'ASC'),
  }
}

/**
 * Parses a trace search `order_by` list.
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE` with MLflow's messages (duplicates too).
 * @example
 * parseTraceOrderBy({ orderBy: ['timestamp DESC', 'tag.team'] })
 * // [{ type: 'attribute', key: 'timestamp_ms', ascending: false }, { type: 'tag', key: 'team', ascending: true }]
 */
export function parseTraceOrderBy(options: {
  orderBy: readonly string[] | undefined
}): TraceOrderByClause[] {
  const orderBy = options.orderBy ?? []
  const seen = new Set<string>()
  return orderBy.map((entry) => {
    const parsed = parseEntry(entry)
    const { type, key } = applyTraceKeyAlias(
      resolveTraceIdentifier({
        entity: parsed.entity,
        key: parsed.key,
        validAttributes: TRACE_ORDER_BY_ATTRIBUTES,
      }),
    )
    if (type === 'request_metadata' && isAnalyticsKey(key)) {
      throw StoreError.invalidParameter(
        `Ordering by reserved metadata '${key}' is not supported because it is represented by ` +
          'multiple columns.',
      )
    }
    if (type !== 'attribute' && type !== 'tag' && type !== 'request_metadata') {
      throw StoreError.invalidParameter(`Invalid identifier type '${type}'`)
    }
    const identity = `${type}\u0000${key}`
    if (seen.has(identity)) {
      throw StoreError.invalidParameter(
        `\`order_by\` contains duplicate fields: ${pythonCollection(orderBy, '[]')}`,
      )
    }
    seen.add(identity)
    return { type, key, ascending: parsed.ascending }
  })
}

/**
 * Compiles `order_by` clauses into joins and `ORDER BY` terms over `trace_info ti`.
 *
 * @example
 * const { joins, orderBy } = compileTraceOrderBy({ clauses })
 * sql`SELECT … FROM trace_info ti ${joins} WHERE … ORDER BY ${orderBy}`
 */
export function compileTraceOrderBy(options: { clauses: readonly TraceOrderByClause[] }): {
  joins: SqlFragment
  orderBy: SqlFragment
} {
  const joins: SqlFragment[] = []
  const terms: SqlFragment[] = []
  let byTimestamp = false
  let byRequestId = false
  options.clauses.forEach((clause, index) => {
    const direction = raw(clause.ascending ? 'ASC' : 'DESC')
    if (clause.type === 'attribute') {
      const attribute = ATTRIBUTE_COLUMNS[clause.key] ?? {
        column: 'ti.request_id',
        nullable: false,
      }
      const column = raw(attribute.column)
      if (clause.key === 'timestamp_ms') byTimestamp = true
      if (clause.key === 'request_id') byRequestId = true
      if (attribute.nullable) terms.push(sql`CASE WHEN ${column} IS NULL THEN 1 ELSE 0 END`)
      terms.push(sql`${column} ${direction}`)
      return
    }
    const alias = raw(`o${index}`)
    const table = raw(clause.type === 'tag' ? 'trace_tags' : 'trace_request_metadata')
    joins.push(
      sql`LEFT JOIN ${table} ${alias} ON ${alias}.request_id = ti.request_id AND ${alias}.key = ${clause.key}`,
    )
    terms.push(
      sql`CASE WHEN ${alias}.value IS NULL THEN 1 ELSE 0 END`,
      sql`${alias}.value ${direction}`,
    )
  })
  if (!byTimestamp) terms.push(sql`ti.timestamp_ms DESC`)
  if (!byRequestId) terms.push(sql`ti.request_id ASC`)
  return { joins: joinSql(joins, ' '), orderBy: joinSql(terms, ', ') }
}
