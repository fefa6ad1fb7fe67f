/**
 * @module trace-filter-sql
 * Trace filter clauses → SQL conditions on `trace_info ti` (spec §5.5): attributes compare
 * columns; tags, metadata, assessments and run links become `EXISTS` subqueries served by their
 * primary keys; every `span.*` clause goes into one `EXISTS` over the trace's spans, so they must
 * all hold for the same span. `run_id` matches metadata `mlflow.sourceRun` or a link-to-run.
 */
import { pythonJsonDumps } from '../../python-format.ts'
import type { FilterComparator } from '../../search/filter-ast.ts'
import { compareSql } from '../../search/sql-comparison.ts'
import type { SqlDialect } from '../../sql/sql-dialect.ts'
import { joinSql, raw, type SqlFragment, sql } from '../../sql/sql-fragment.ts'
import { StoreError } from '../../store-error.ts'
import {
  checkAnalyticsComparator,
  isAnalyticsKey,
  isCanonicalAnalytics,
} from '../trace-analytics.ts'
import {
  checkComparatorIn,
  NUMERIC_TRACE_ATTRIBUTES,
  type TraceFilterClause,
} from './trace-filter.ts'

const STRING_ATTRIBUTE_COMPARATORS = ['!=', '=', 'IN', 'NOT IN', 'LIKE', 'ILIKE', 'RLIKE']
const NUMERIC_COMPARATORS = ['>', '>=', '!=', '=', '<', '<=']
const KEY_VALUE_COMPARATORS = ['!=', '=', 'LIKE', 'ILIKE', 'RLIKE', 'IS NULL', 'IS NOT NULL']

const ATTRIBUTE_COLUMNS: Record<string, string> = {
  request_id: 'ti.request_id',
  client_request_id: 'ti.client_request_id',
  status: 'ti.status',
  timestamp_ms: 'ti.timestamp_ms',
  execution_time_ms: 'ti.execution_time_ms',
  end_time_ms: '(ti.timestamp_ms + COALESCE(ti.execution_time_ms, 0))',
}

/**
 * A comparison of a column with a value, `RLIKE` included (PostgreSQL `~`, SQLite `REGEXP`).
 *
 * @example
 * compareValue(dialect, raw('t.value'), 'RLIKE', '^v') // t.value ~ '^v' on PostgreSQL
 */
export function compareValue(
  dialect: SqlDialect,
  column: SqlFragment,
  comparator: string,
  value: string | number | readonly string[],
): SqlFragment {
  if (comparator === 'RLIKE') {
    const pattern = String(value)
    return dialect.name === 'postgres'
      ? sql`${column} ~ ${pattern}`
      : sql`${column} REGEXP ${pattern}`
  }
  const list = Array.isArray(value)
  if ((comparator === 'IN' || comparator === 'NOT IN') !== list) {
    throw StoreError.invalidParameter(
      list
        ? `Invalid comparator '${comparator}' for a list of values; use IN or NOT IN.`
        : `${comparator} needs a parenthesised list of quoted strings, e.g. ('a', 'b').`,
    )
  }
  return compareSql({
    dialect,
    column,
    comparator: comparator as FilterComparator,
    value: value as string | number | readonly string[],
  })
}

function exists(from: string, conditions: SqlFragment[]): SqlFragment {
  return sql`EXISTS (SELECT 1 FROM ${raw(from)} WHERE ${joinSql(conditions, ' AND ')})`
}

function entryExists(table: string, key: string, extra: SqlFragment[] = []): SqlFragment {
  return exists(`${table} e`, [sql`e.request_id = ti.request_id`, sql`e.key = ${key}`, ...extra])
}

/**
 * Compiles checked filter clauses into conditions to AND together.
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE` for comparators a clause's type does not take.
 * @example
 * compileTraceFilter({ clauses: parseTraceFilter({ filter }), dialect })
 */
export function compileTraceFilter(options: {
  clauses: readonly TraceFilterClause[]
  dialect: SqlDialect
}): SqlFragment[] {
  const { dialect } = options
  const conditions: SqlFragment[] = []
  const spanConditions: SqlFragment[] = []
  let runId: string | undefined
  for (const clause of options.clauses) {
    const { type, key, comparator, value } = clause
    switch (type) {
      case 'issue':
        if (key !== 'id') {
          throw StoreError.invalidParameter(
            `Invalid issue attribute '${key}'. Supported attributes: id`,
          )
        }
        checkComparatorIn(`issue.${key} comparator`, comparator, ['='])
        conditions.push(
          exists('assessments a', [
            sql`a.trace_id = ti.request_id`,
            sql`a.assessment_type = 'issue'`,
            sql`a.name = ${String(value)}`,
          ]),
        )
        break
      case 'attribute':
        conditions.push(attributeCondition(dialect, clause))
        break
      case 'tag':
      case 'request_metadata': {
        checkComparatorIn('Invalid comparator', comparator, KEY_VALUE_COMPARATORS)
        const table = type === 'tag' ? 'trace_tags' : 'trace_request_metadata'
        if (type === 'request_metadata' && key === 'mlflow.sourceRun' && comparator === '=') {
          runId = String(value)
        } else if (type === 'request_metadata' && isAnalyticsKey(key)) {
          conditions.push(analyticsCondition(key, comparator, value))
        } else if (type === 'tag' && key === 'mlflow.linkedPrompts') {
          conditions.push(promptCondition(comparator, value))
        } else {
          conditions.push(keyValueCondition(dialect, table, key, comparator, value))
        }
        break
      }
      case 'span':
        spanConditions.push(spanCondition(dialect, key, comparator, value))
        break
      case 'feedback':
      case 'expectation':
        conditions.push(assessmentCondition(dialect, clause))
        break
    }
  }
  if (spanConditions.length > 0) {
    conditions.push(exists('spans s', [sql`s.trace_id = ti.request_id`, ...spanConditions]))
  }
  if (runId !== undefined) {
    conditions.push(
      sql`(${exists('entity_associations ea', [
        sql`ea.source_type = 'trace'`,
        sql`ea.source_id = ti.request_id`,
        sql`ea.destination_type = 'run'`,
        sql`ea.destination_id = ${runId}`,
      ])} OR ${entryExists('trace_request_metadata', 'mlflow.sourceRun', [sql`e.value = ${runId}`])})`,
    )
  }
  return conditions
}

function attributeCondition(dialect: SqlDialect, clause: TraceFilterClause): SqlFragment {
  const { key, comparator, value } = clause
  const column = raw(ATTRIBUTE_COLUMNS[key] ?? 'ti.request_id')
  if (!NUMERIC_TRACE_ATTRIBUTES.has(key)) {
    checkComparatorIn('Invalid comparator', comparator, STRING_ATTRIBUTE_COMPARATORS)
    if (typeof value === 'number') {
      throw StoreError.invalidParameter(
        `Expected a quoted string value for attributes. Got value ${value}`,
      )
    }
    return compareValue(dialect, column, comparator, value ?? '')
  }
  checkComparatorIn('Invalid comparator', comparator, NUMERIC_COMPARATORS)
  if (typeof value === 'number') return compareValue(dialect, column, comparator, value)
  // A number column against text: as in SQLite, numbers sort before text.
  return ['!=', '<', '<='].includes(comparator) ? sql`${column} IS NOT NULL` : sql`1 = 0`
}

function keyValueCondition(
  dialect: SqlDialect,
  table: string,
  key: string,
  comparator: string,
  value: TraceFilterClause['value'],
): SqlFragment {
  if (comparator === 'IS NULL') return sql`NOT ${entryExists(table, key)}`
  if (comparator === 'IS NOT NULL') return entryExists(table, key)
  return entryExists(table, key, [compareValue(dialect, raw('e.value'), comparator, asText(value))])
}

function analyticsCondition(
  key: string,
  comparator: string,
  value: TraceFilterClause['value'],
): SqlFragment {
  checkAnalyticsComparator(key, comparator)
  const table = 'trace_request_metadata'
  if (comparator === 'IS NULL') return sql`NOT ${entryExists(table, key)}`
  if (comparator === 'IS NOT NULL') return entryExists(table, key)
  const text = String(value)
  const canonical = isCanonicalAnalytics(key, text)
  if (comparator === '=') {
    return canonical ? entryExists(table, key, [sql`e.value = ${text}`]) : sql`1 = 0`
  }
  return canonical ? entryExists(table, key, [sql`e.value <> ${text}`]) : entryExists(table, key)
}

function promptCondition(comparator: string, value: TraceFilterClause['value']): SqlFragment {
  if (comparator !== '=') {
    throw StoreError.invalidParameter(
      `Invalid comparator '${comparator}' for prompts filter. Only '=' is supported with ` +
        'format: prompt = "name/version"',
    )
  }
  const text = String(value)
  if (text.split('/').length !== 2) {
    throw StoreError.invalidParameter(
      `Invalid prompts filter value '${text}'. Expected format: prompt = "name/version"`,
    )
  }
  return exists('entity_associations ea', [
    sql`ea.source_type = 'trace'`,
    sql`ea.source_id = ti.request_id`,
    sql`ea.destination_type = 'prompt_version'`,
    sql`ea.destination_id = ${text}`,
  ])
}

function spanCondition(
  dialect: SqlDialect,
  key: string,
  comparator: string,
  value: TraceFilterClause['value'],
): SqlFragment {
  if (!key.startsWith('attributes.')) {
    const column = raw(key === 'content' ? 's.content' : `s.${key}`)
    return compareValue(dialect, column, comparator, Array.isArray(value) ? value : asText(value))
  }
  const name = key.slice('attributes.'.length).replace(/^`(.*)`$/, '$1')
  if (Array.isArray(value)) {
    throw StoreError.invalidParameter(`span.${key} does not take a list of values.`)
  }
  const text = asText(value)
  if (comparator !== 'RLIKE') {
    return compareValue(dialect, raw('s.content'), comparator, `%"${name}"${text}%`)
  }
  // The stored attribute value is JSON text inside the span JSON: "<name>": "\"<value>\"".
  const anchoredStart = text.startsWith('^')
  const anchoredEnd = text.endsWith('$')
  const inner = text.slice(anchoredStart ? 1 : 0, anchoredEnd ? -1 : undefined)
  const prefix = anchoredStart ? '"\\\\"' : '"\\\\".*'
  const suffix = anchoredEnd ? '\\\\"' : ''
  return compareValue(dialect, raw('s.content'), 'RLIKE', `"${name}": ${prefix}${inner}${suffix}`)
}

function assessmentCondition(dialect: SqlDialect, clause: TraceFilterClause): SqlFragment {
  const { type, key, comparator, value } = clause
  if (key === '') throw StoreError.invalidParameter('Assessment field name cannot be empty')
  checkComparatorIn(`assessment.${key} comparator`, comparator, [
    '!=',
    '=',
    '>',
    '>=',
    '<',
    '<=',
    'LIKE',
    'ILIKE',
    'RLIKE',
    'IS NULL',
    'IS NOT NULL',
  ])
  const base = [
    sql`a.trace_id = ti.request_id`,
    sql`a.assessment_type = ${type}`,
    sql`a.name = ${key}`,
    sql`NOT (a.valid IS NOT NULL AND CAST(a.valid AS INTEGER) = 0)`,
  ]
  if (comparator === 'IS NULL') return sql`NOT ${exists('assessments a', base)}`
  if (comparator === 'IS NOT NULL') return exists('assessments a', base)
  if (typeof value === 'number') {
    const numeric = sql`(CASE WHEN LOWER(a.value) IN ('true', 'false', 'null', 'nan', 'infinity',
      '-infinity') THEN NULL WHEN SUBSTR(a.value, 1, 1) IN ('"', '[', '{') THEN NULL
      ELSE CAST(a.value AS DOUBLE PRECISION) END)`
    return exists('assessments a', [...base, compareValue(dialect, numeric, comparator, value)])
  }
  const text = asText(value)
  if (comparator === '=' || comparator === '!=') {
    const matches = sql`(a.value = ${text} OR a.value = ${pythonJsonDumps(text)})`
    return exists('assessments a', [...base, comparator === '=' ? matches : sql`NOT ${matches}`])
  }
  return exists('assessments a', [...base, compareValue(dialect, raw('a.value'), comparator, text)])
}

function asText(value: TraceFilterClause['value']): string {
  if (Array.isArray(value)) {
    throw StoreError.invalidParameter('A list of values needs IN or NOT IN.')
  }
  return value === null ? '' : String(value)
}
