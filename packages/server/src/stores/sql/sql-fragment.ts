/**
 * @module sql-fragment
 * Parameterised SQL built with a tagged template: interpolated values become `?` placeholders,
 * interpolated fragments are spliced in. Drivers turn `?` into their own placeholder style.
 */

/** A value a driver can bind. Booleans are stored as 0/1 integers by the stores. */
export type SqlValue = string | number | bigint | null

/** SQL text with `?` placeholders and their values, in order. */
export interface SqlFragment {
  readonly sql: string
  readonly parameters: readonly SqlValue[]
  /**
   * Whether the query's integer columns may exceed 2^53 (metric steps and timestamps): drivers
   * then return such values as bigints (or, PostgreSQL, as the digit strings it always gives)
   * rather than rounding them. Set with {@link withWideIntegers}.
   */
  readonly wideIntegers?: boolean
}

const fragmentMarker = Symbol('sql-fragment')

interface MarkedFragment extends SqlFragment {
  readonly [fragmentMarker]: true
}

function fragment(text: string, parameters: readonly SqlValue[]): MarkedFragment {
  return { sql: text, parameters, [fragmentMarker]: true }
}

function isFragment(value: unknown): value is SqlFragment {
  return typeof value === 'object' && value !== null && fragmentMarker in value
}

/**
 * Builds a fragment; `${value}` binds a value, `${otherFragment}` splices SQL in.
 *
 * @example
 * const where = sql`run_uuid = ${runId}`
 * sql`SELECT * FROM runs WHERE ${where}` // { sql: 'SELECT * FROM runs WHERE run_uuid = ?', parameters: [runId] }
 */
export function sql(
  strings: TemplateStringsArray,
  ...values: (SqlValue | SqlFragment)[]
): SqlFragment {
  let text = strings[0] ?? ''
  const parameters: SqlValue[] = []
  values.forEach((value, index) => {
    if (isFragment(value)) {
      text += value.sql
      parameters.push(...value.parameters)
    } else {
      text += '?'
      parameters.push(value)
    }
    text += strings[index + 1] ?? ''
  })
  return fragment(text, parameters)
}

/**
 * Trusted SQL text with no values (table names, fixed keywords). Never pass user input.
 *
 * @example
 * sql`ORDER BY start_time ${raw('DESC')}`
 */
export function raw(text: string): SqlFragment {
  return fragment(text, [])
}

/**
 * `LIMIT <count>` with the count written into the SQL text. A bound `LIMIT ?` costs a full
 * re-prepare of the statement on every run on SQLite (built with STAT4, its planner reads the
 * limit's value, so each new binding expires the statement: tens of microseconds for a search
 * query, more than running it). Counts are few (page sizes), so cached statements stay few.
 * Offsets may stay bound.
 *
 * Fractions are cut and counts beyond 2^53 - 1 written as 2^53 - 1 (no table holds more rows).
 *
 * @throws RangeError when `count` is negative or not a finite number (callers check counts).
 * @example
 * sql`SELECT * FROM runs ORDER BY start_time ${limitClause(100)} OFFSET ${200}`
 */
export function limitClause(count: number): SqlFragment {
  if (!Number.isFinite(count) || count < 0) {
    throw new RangeError(`A LIMIT must be a non-negative number, not ${count}`)
  }
  return fragment(`LIMIT ${Math.min(Math.trunc(count), Number.MAX_SAFE_INTEGER)}`, [])
}

/**
 * Joins fragments with a separator.
 *
 * @example
 * joinSql([sql`a = ${1}`, sql`b = ${2}`], ' AND ') // { sql: 'a = ? AND b = ?', parameters: [1, 2] }
 */
export function joinSql(fragments: readonly SqlFragment[], separator: string): SqlFragment {
  return fragment(
    fragments.map((part) => part.sql).join(separator),
    fragments.flatMap((part) => part.parameters),
  )
}

/**
 * A parenthesised list of bound values, for `IN (...)`.
 *
 * @example
 * sql`run_uuid IN ${valueList(['a', 'b'])}` // run_uuid IN (?, ?)
 */
export function valueList(values: readonly SqlValue[]): SqlFragment {
  return fragment(`(${values.map(() => '?').join(', ')})`, values)
}

/**
 * Marks a whole query as reading integers that may exceed 2^53 (see `SqlFragment.wideIntegers`).
 *
 * @example
 * withWideIntegers(sql`SELECT step FROM metrics WHERE run_uuid = ${runId}`)
 */
export function withWideIntegers(query: SqlFragment): SqlFragment {
  return { ...query, wideIntegers: true }
}
