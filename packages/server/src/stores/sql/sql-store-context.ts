/**
 * @module sql-store-context
 * What every SQL store operation needs: the driver and dialect, an injectable clock and id
 * generator, and the store settings.
 */
import { randomUUID } from 'node:crypto'
import { generateRunName } from './run-name-generator.ts'
import type { SqlDialect } from './sql-dialect.ts'
import type { SqlDriver } from './sql-driver.ts'

/** Settings and injectable dependencies shared by every SQL tracking store factory. */
export interface SqlTrackingStoreSettings {
  /** Root of default experiment artifact locations (default `mlflow-artifacts:/`). */
  defaultArtifactRoot?: string
  /** Epoch-ms clock (default `Date.now`). */
  now?: () => number
  /** Run, dataset and input ids: 32 lowercase hex (default: a uuid4 without dashes). */
  generateId?: () => string
  /** Random source for generated run names (default `Math.random`). */
  random?: () => number
  /**
   * Truncate param values over 6000 and run-tag values over 8000 characters instead of
   * rejecting them, as MLflow does with `MLFLOW_TRUNCATE_LONG_VALUES` (default true).
   */
  truncateLongValues?: boolean
}

/** The resolved context the operations receive. */
export interface SqlStoreContext {
  driver: SqlDriver
  dialect: SqlDialect
  defaultArtifactRoot: string
  now: () => number
  generateId: () => string
  generateRunName: () => string
  truncateLongValues: boolean
}

/**
 * Fills in the defaults.
 *
 * @example
 * const context = createSqlStoreContext({ driver, dialect: sqliteDialect, now: () => 1 })
 */
export function createSqlStoreContext(
  options: SqlTrackingStoreSettings & { driver: SqlDriver; dialect: SqlDialect },
): SqlStoreContext {
  const random = options.random ?? Math.random
  return {
    driver: options.driver,
    dialect: options.dialect,
    defaultArtifactRoot: options.defaultArtifactRoot ?? 'mlflow-artifacts:/',
    now: options.now ?? Date.now,
    generateId: options.generateId ?? (() => randomUUID().replace(/-/g, '')),
    generateRunName: () => generateRunName({ random }),
    truncateLongValues: options.truncateLongValues ?? true,
  }
}
