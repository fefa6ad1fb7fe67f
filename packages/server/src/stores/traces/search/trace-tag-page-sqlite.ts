/**
 * @module trace-tag-page-sqlite
 * The plan for the most common filtered trace search on SQLite — `tags.<key> = '<value>'` in one
 * experiment, newest first (MLflow's default order) — read from the tag index of migration
 * 20251124000000_denormalize_trace_search: each tag row carries its trace's experiment and time,
 * indexed as (experiment_id, key, value, timestamp_ms DESC, request_id), so the page is the first
 * rows of one index range joined to their traces. Without it, SQLite walks the experiment's
 * traces newest first and probes each one's tags until the page is full (ten probes per match
 * for a tag on one trace in ten). Other clauses of the filter still apply to the joined traces.
 */
import { type SqlFragment, sql } from '../../sql/sql-fragment.ts'
import type { TraceFilterClause } from './trace-filter.ts'
import type { TraceOrderByClause } from './trace-order-by.ts'

/** The page query's join and order for a tag-driven page, and the clauses left to filter. */
export interface TagDrivenPage {
  joins: SqlFragment
  orderBy: SqlFragment
  clauses: TraceFilterClause[]
}

/** Tags the filter compiler matches otherwise (see trace-filter-sql.ts). */
const SPECIAL_TAGS = new Set(['mlflow.linkedPrompts'])

function isDefaultOrder(orderBy: readonly TraceOrderByClause[]): boolean {
  if (orderBy.length === 0) return true
  const [first] = orderBy
  return (
    orderBy.length === 1 &&
    first?.type === 'attribute' &&
    first.key === 'timestamp_ms' &&
    !first.ascending
  )
}

/**
 * The tag-driven plan when the search allows it (SQLite, one experiment, newest first, a tag
 * equality among the clauses); `undefined` otherwise.
 *
 * @example
 * tagDrivenPage({ experimentIds: [1], orderBy: [],
 *   clauses: [{ type: 'tag', key: 'customer', comparator: '=', value: 'acme' }] })
 * // { joins: JOIN trace_tags tt ON …, orderBy: tt.timestamp_ms DESC, tt.request_id ASC, clauses: [] }
 */
export function tagDrivenPage(options: {
  experimentIds: readonly number[]
  clauses: readonly TraceFilterClause[]
  orderBy: readonly TraceOrderByClause[]
}): TagDrivenPage | undefined {
  const [experimentId] = options.experimentIds
  if (options.experimentIds.length !== 1 || experimentId === undefined) return undefined
  if (!isDefaultOrder(options.orderBy)) return undefined
  const tag = options.clauses.find(
    (clause) =>
      clause.type === 'tag' &&
      clause.comparator === '=' &&
      (typeof clause.value === 'string' || typeof clause.value === 'number') &&
      !SPECIAL_TAGS.has(clause.key),
  )
  if (tag === undefined) return undefined
  return {
    joins: sql`JOIN trace_tags tt ON tt.experiment_id = ${experimentId}
      AND tt.key = ${tag.key} AND tt.value = ${String(tag.value)}
      AND tt.request_id = ti.request_id`,
    orderBy: sql`tt.timestamp_ms DESC, tt.request_id ASC`,
    clauses: options.clauses.filter((clause) => clause !== tag),
  }
}
