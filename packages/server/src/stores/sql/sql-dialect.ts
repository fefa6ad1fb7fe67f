/**
 * @module sql-dialect
 * The few places where SQLite and PostgreSQL need different SQL. Everything else the stores
 * write is shared.
 */
import type { SqlFragment } from './sql-fragment.ts'

/** The SQL databases the tracking store runs on. */
export type SqlDialectName = 'sqlite' | 'postgres'

/** Per-database SQL differences. */
export interface SqlDialect {
  readonly name: SqlDialectName
  /**
   * A case-sensitive `LIKE` (`%`, `_` wildcards, no escape character: a backslash is literal,
   * as in MLflow) of `column` against `pattern`.
   * MLflow makes `LIKE` case-sensitive on every backend.
   */
  like(column: SqlFragment, pattern: string): SqlFragment
  /** A case-insensitive `LIKE` of `column` against `pattern`. */
  ilike(column: SqlFragment, pattern: string): SqlFragment
  /** Whether a driver error is a unique or primary-key violation. */
  isUniqueViolation(error: unknown): boolean
}
