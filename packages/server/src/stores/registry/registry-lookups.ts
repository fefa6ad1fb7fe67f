/**
 * @module registry-lookups
 * Finding a registered model or a (not deleted) model version by its key, with MLflow's checks
 * of the key and its `RESOURCE_DOES_NOT_EXIST` messages.
 */
import type { SqlExecutor } from '../sql/sql-driver.ts'
import { sql } from '../sql/sql-fragment.ts'
import type { Row } from '../sql/row-mappers.ts'
import { StoreError } from '../store-error.ts'
import { STAGE_DELETED_INTERNAL } from './model-stages.ts'
import { MODEL_VERSION_COLUMNS, REGISTERED_MODEL_COLUMNS } from './registry-rows.ts'
import { parseModelVersion, validateModelName } from './registry-validation.ts'

const MAX_VERSION = 2 ** 31 - 1

/**
 * MLflow's error for an unknown registered model.
 *
 * @example
 * registeredModelNotFound('qa').message // 'Registered Model with name=qa not found'
 */
export function registeredModelNotFound(name: string): StoreError {
  return new StoreError({
    code: 'RESOURCE_DOES_NOT_EXIST',
    message: `Registered Model with name=${name} not found`,
  })
}

/**
 * MLflow's error for an unknown (or deleted) model version.
 *
 * @example
 * modelVersionNotFound('qa', 3).message // 'Model Version (name=qa, version=3) not found'
 */
export function modelVersionNotFound(name: string, version: number): StoreError {
  return new StoreError({
    code: 'RESOURCE_DOES_NOT_EXIST',
    message: `Model Version (name=${name}, version=${version}) not found`,
  })
}

/**
 * The `registered_models` row of a model.
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE` for a bad name, `RESOURCE_DOES_NOT_EXIST`.
 * @example
 * const row = await requireRegisteredModelRow(executor, { name: 'qa' })
 */
export async function requireRegisteredModelRow(
  executor: SqlExecutor,
  options: { name: string },
): Promise<Row> {
  validateModelName({ name: options.name })
  const result = await executor.execute(
    sql`SELECT ${REGISTERED_MODEL_COLUMNS} FROM registered_models rm WHERE rm.name = ${options.name}`,
  )
  const row = result.rows[0]
  if (row === undefined) throw registeredModelNotFound(options.name)
  return row
}

/**
 * The `model_versions` row of a version that is not deleted, and its parsed number.
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE` for a bad name or version,
 *   `RESOURCE_DOES_NOT_EXIST`.
 * @example
 * const { row, version } = await requireModelVersionRow(executor, { name: 'qa', version: '1' })
 */
export async function requireModelVersionRow(
  executor: SqlExecutor,
  options: { name: string; version: string | number },
): Promise<{ row: Row; version: number }> {
  validateModelName({ name: options.name })
  const version = parseModelVersion({ version: options.version })
  // Versions are 32-bit integers in the table; a larger number cannot name one.
  if (Math.abs(version) > MAX_VERSION) throw modelVersionNotFound(options.name, version)
  const result = await executor.execute(
    sql`SELECT ${MODEL_VERSION_COLUMNS} FROM model_versions mv
        WHERE mv.name = ${options.name} AND mv.version = ${version}
          AND mv.current_stage <> ${STAGE_DELETED_INTERNAL}`,
  )
  const row = result.rows[0]
  if (row === undefined) throw modelVersionNotFound(options.name, version)
  return { row, version }
}
