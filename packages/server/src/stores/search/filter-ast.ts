/**
 * @module filter-ast
 * The parsed forms of MLflow search filters: a filter is a list of comparisons joined by `AND`.
 */

/** The comparators MLflow's grammar knows; which ones an identifier accepts depends on its type. */
export type FilterComparator =
  | '='
  | '!='
  | '>'
  | '>='
  | '<'
  | '<='
  | 'LIKE'
  | 'ILIKE'
  | 'IN'
  | 'NOT IN'
  | 'IS NULL'
  | 'IS NOT NULL'

/** Comparators on numbers (metrics, times). */
export type NumericComparator = '=' | '!=' | '>' | '>=' | '<' | '<='

/** Comparators on one string value. */
export type StringComparator = '=' | '!=' | 'LIKE' | 'ILIKE'

/** Comparators on a list of strings. */
export type ListComparator = 'IN' | 'NOT IN'

/** Presence checks on params and tags. */
export type NullComparator = 'IS NULL' | 'IS NOT NULL'

/** A comparison value as written: a quoted string, a number, a list of strings, or neither. */
export type FilterValueToken =
  | { kind: 'string'; value: string; text: string }
  | { kind: 'number'; text: string }
  | { kind: 'list'; values: string[]; text: string }
  | { kind: 'unquoted'; text: string }

/**
 * One comparison before any check of what its identifier means: the identifier split on its
 * first dot into `entity` (undefined when there is no dot) and `key`, both with quotes removed.
 */
export interface RawComparison {
  /** The identifier as written, e.g. ``tags.`my tag` `` */
  identifier: string
  entity: string | undefined
  key: string
  /** Upper-cased; may be one MLflow rejects later (`==`, `NOT LIKE`). */
  comparator: string
  /** Absent for `IS NULL` / `IS NOT NULL`. */
  value: FilterValueToken | undefined
}

/** A run search comparison, checked against MLflow's rules for its identifier type. */
export type RunFilterClause =
  | { type: 'metric'; key: string; comparator: NumericComparator; value: number }
  | {
      type: 'parameter' | 'tag'
      key: string
      comparator: StringComparator | NullComparator
      value: string | null
    }
  | {
      type: 'attribute'
      key: RunStringAttribute
      comparator: StringComparator | ListComparator
      value: string | string[]
    }
  | { type: 'attribute'; key: RunNumericAttribute; comparator: NumericComparator; value: number }
  | {
      type: 'dataset'
      key: 'name' | 'digest' | 'context'
      comparator: StringComparator | ListComparator
      value: string | string[]
    }

/** The string attributes of a run one can search (after aliases are resolved). */
export type RunStringAttribute =
  | 'run_id'
  | 'run_name'
  | 'status'
  | 'user_id'
  | 'artifact_uri'
  | 'lifecycle_stage'

/** The numeric attributes of a run one can search (after aliases are resolved). */
export type RunNumericAttribute = 'start_time' | 'end_time'

/** An experiment search comparison. */
export type ExperimentFilterClause =
  | { type: 'attribute'; key: 'name'; comparator: StringComparator; value: string }
  | {
      type: 'attribute'
      key: 'experiment_id'
      comparator: '=' | '!=' | ListComparator
      value: number | number[]
    }
  | {
      type: 'attribute'
      key: 'creation_time' | 'last_update_time'
      comparator: NumericComparator
      value: number
    }
  | {
      type: 'tag'
      key: string
      comparator: StringComparator | NullComparator
      value: string | null
    }

/** One `order_by` entry of a run search. */
export interface RunOrderByClause {
  type: 'metric' | 'parameter' | 'tag' | 'attribute'
  key: string
  ascending: boolean
}

/** One `order_by` entry of an experiment search. */
export interface ExperimentOrderByClause {
  key: 'name' | 'experiment_id' | 'creation_time' | 'last_update_time'
  ascending: boolean
}
