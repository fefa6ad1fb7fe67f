/**
 * @module entity-lookups
 * Fetching the experiment or run an operation works on, with MLflow's messages when it is
 * missing or not in the state the operation needs.
 */
import type { LifecycleStage } from '@dspyflow/mlflow/protocol'
import { parseExperimentId } from '../search/experiment-filter.ts'
import { StoreError } from '../store-error.ts'
import type { SqlExecutor } from './sql-driver.ts'
import { raw, sql, valueList } from './sql-fragment.ts'
import { EXPERIMENT_COLUMNS, RUN_COLUMNS, type Row } from './row-mappers.ts'

const allStages: LifecycleStage[] = ['active', 'deleted']

/**
 * An experiment row by id within `stages` (default: any). An empty id means the Default
 * experiment `'0'`, as in MLflow.
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE` for an id that is not an integer.
 */
export async function findExperimentRow(
  executor: SqlExecutor,
  experimentId: string,
  stages: readonly LifecycleStage[] = allStages,
): Promise<Row | undefined> {
  const id = parseExperimentId(experimentId === '' ? '0' : experimentId)
  const result = await executor.execute(
    sql`SELECT ${raw(EXPERIMENT_COLUMNS)} FROM experiments e
        WHERE e.experiment_id = ${id} AND e.lifecycle_stage IN ${valueList(stages)}`,
  )
  return result.rows[0]
}

/**
 * Like {@link findExperimentRow}, but "No Experiment with id=X exists" when missing.
 *
 * @throws StoreError `RESOURCE_DOES_NOT_EXIST`.
 */
export async function requireExperimentRow(
  executor: SqlExecutor,
  experimentId: string,
  stages: readonly LifecycleStage[] = allStages,
): Promise<Row> {
  const row = await findExperimentRow(executor, experimentId, stages)
  if (!row) {
    const id = parseExperimentId(experimentId === '' ? '0' : experimentId)
    throw new StoreError({
      code: 'RESOURCE_DOES_NOT_EXIST',
      message: `No Experiment with id=${id} exists`,
    })
  }
  return row
}

/**
 * Throws unless the experiment is active.
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE`.
 */
export function checkExperimentActive(row: Row): void {
  if (row.lifecycle_stage !== 'active') {
    throw StoreError.invalidParameter(
      `The experiment ${String(row.experiment_id)} must be in the 'active' state. ` +
        `Current state is ${String(row.lifecycle_stage)}.`,
    )
  }
}

/** A run row by id, in any stage. */
export async function findRunRow(executor: SqlExecutor, runId: string): Promise<Row | undefined> {
  const result = await executor.execute(
    sql`SELECT ${raw(RUN_COLUMNS)} FROM runs r WHERE r.run_uuid = ${runId}`,
  )
  return result.rows[0]
}

/**
 * A run row; "Run with id=X not found" when missing.
 *
 * @throws StoreError `RESOURCE_DOES_NOT_EXIST`.
 */
export async function requireRunRow(executor: SqlExecutor, runId: string): Promise<Row> {
  const row = await findRunRow(executor, runId)
  if (!row) {
    throw new StoreError({
      code: 'RESOURCE_DOES_NOT_EXIST',
      message: `Run with id=${runId} not found`,
    })
  }
  return row
}

/**
 * A run row that must be active, as every write to a run requires.
 *
 * @throws StoreError `RESOURCE_DOES_NOT_EXIST` or `INVALID_PARAMETER_VALUE`.
 */
export async function requireActiveRunRow(executor: SqlExecutor, runId: string): Promise<Row> {
  const row = await requireRunRow(executor, runId)
  if (row.lifecycle_stage !== 'active') {
    throw StoreError.invalidParameter(
      `The run ${runId} must be in the 'active' state. ` +
        `Current state is ${String(row.lifecycle_stage)}.`,
    )
  }
  return row
}

/**
 * The lifecycle stages a view type covers.
 *
 * @example
 * viewTypeToStages('ALL') // ['active', 'deleted']
 */
export function viewTypeToStages(viewType: string | undefined): LifecycleStage[] {
  if (viewType === undefined || viewType === 'ACTIVE_ONLY') return ['active']
  if (viewType === 'DELETED_ONLY') return ['deleted']
  if (viewType === 'ALL') return ['active', 'deleted']
  throw StoreError.invalidParameter(
    `Invalid view type '${viewType}'. Expected one of ACTIVE_ONLY, DELETED_ONLY, ALL.`,
  )
}
