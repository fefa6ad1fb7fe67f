/**
 * @module log-inputs
 * What runs read and produce. Dataset inputs: a dataset is unique per experiment by (name,
 * digest) and reused when logged again (the first schema and profile win); a run links to a
 * dataset once (the first link's tags are kept). Model inputs (MLflow 3) are `inputs` edges
 * `RUN_INPUT` → `MODEL_INPUT`, linked once; model outputs go to `run_model_outputs` with their
 * step, once per model (again is a key violation, as in MLflow).
 */
import type { DatasetInput, ModelInput } from '@dspyflow/mlflow/protocol'
import { StoreError } from '../store-error.ts'
import type {
  DatasetSummary,
  LogInputsOptions,
  LogInputsReport,
  LogOutputsOptions,
} from '../tracking-store.ts'
import { validateDatasetInputs } from '../validation/validate-dataset-inputs.ts'
import { validateRunId } from '../validation/validate-entities.ts'
import { requireActiveRunRow } from './entity-lookups.ts'
import { parseExperimentId } from '../search/experiment-filter.ts'
import { chunk, toNumber } from './row-mappers.ts'
import type { SqlExecutor } from './sql-driver.ts'
import { sql, valueList } from './sql-fragment.ts'
import type { SqlStoreContext } from './sql-store-context.ts'

/** The input tag that says how a run used a dataset (`training`, `eval`, …). */
export const DATASET_CONTEXT_TAG = 'mlflow.data.context'

const datasetKey = (name: string, digest: string) => JSON.stringify([name, digest])

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Logs dataset inputs; see {@link TrackingStore.logInputs}. */
export async function logInputs(
  context: SqlStoreContext,
  options: LogInputsOptions,
): Promise<LogInputsReport> {
  validateRunId(options.runId)
  const inputs = options.datasets ?? []
  validateDatasetInputs(inputs)
  const unique = new Map<string, DatasetInput>()
  for (const input of inputs) {
    const key = datasetKey(input.dataset.name, input.dataset.digest)
    if (!unique.has(key)) unique.set(key, input)
  }
  return context.driver.transaction(async (executor) => {
    const run = await requireActiveRunRow(executor, options.runId)
    const experimentId = toNumber(run.experiment_id)
    const report: LogInputsReport = {
      datasets: { created: 0, reused: 0 },
      inputs: { linked: 0, alreadyLinked: 0 },
    }
    await linkModelInputs(context, executor, options.runId, options.models ?? [])
    for (const input of unique.values()) {
      const { datasetUuid, created } = await findOrCreateDataset(
        context,
        executor,
        experimentId,
        input,
      )
      report.datasets[created ? 'created' : 'reused'] += 1
      const inputUuid = context.generateId()
      const linked = await executor.execute(
        sql`INSERT INTO inputs (input_uuid, source_type, source_id, destination_type, destination_id)
            VALUES (${inputUuid}, 'DATASET', ${datasetUuid}, 'RUN', ${options.runId})
            ON CONFLICT DO NOTHING`,
      )
      if (linked.changes === 0) {
        report.inputs.alreadyLinked += 1
        continue
      }
      report.inputs.linked += 1
      for (const tag of input.tags ?? []) {
        await executor.execute(
          sql`INSERT INTO input_tags (input_uuid, name, value) VALUES (${inputUuid}, ${tag.key}, ${tag.value})
              ON CONFLICT (input_uuid, name) DO UPDATE SET value = excluded.value`,
        )
      }
    }
    return report
  })
}

async function linkModelInputs(
  context: SqlStoreContext,
  executor: SqlExecutor,
  runId: string,
  models: readonly ModelInput[],
): Promise<void> {
  for (const { modelId } of models) {
    await executor.execute(
      sql`INSERT INTO inputs (input_uuid, source_type, source_id, destination_type, destination_id)
          VALUES (${context.generateId()}, 'RUN_INPUT', ${runId}, 'MODEL_INPUT', ${modelId})
          ON CONFLICT DO NOTHING`,
    )
  }
}

/** Records the logged models a run produced; see {@link TrackingStore.logOutputs}. */
export async function logOutputs(
  context: SqlStoreContext,
  options: LogOutputsOptions,
): Promise<void> {
  await context.driver.transaction(async (executor) => {
    await requireActiveRunRow(executor, options.runId)
    for (const { modelId, step } of options.models) {
      const inserted = await executor.execute(
        sql`INSERT INTO run_model_outputs (run_uuid, model_id, step)
            VALUES (${options.runId}, ${modelId}, ${step ?? 0})
            ON CONFLICT DO NOTHING`,
      )
      if (inserted.changes === 0) {
        throw new StoreError({
          code: 'BAD_REQUEST',
          message:
            `(IntegrityError) UNIQUE constraint of run outputs failed: run ${options.runId} ` +
            `already has the model output ${modelId}`,
        })
      }
    }
  })
}

async function findOrCreateDataset(
  context: SqlStoreContext,
  executor: SqlExecutor,
  experimentId: number,
  input: DatasetInput,
): Promise<{ datasetUuid: string; created: boolean }> {
  const { dataset } = input
  const datasetUuid = context.generateId()
  const inserted = await executor.execute(
    sql`INSERT INTO datasets (dataset_uuid, experiment_id, name, digest, dataset_source_type,
                              dataset_source, dataset_schema, dataset_profile)
        VALUES (${datasetUuid}, ${experimentId}, ${dataset.name}, ${dataset.digest},
                ${dataset.sourceType}, ${dataset.source}, ${dataset.schema ?? null},
                ${dataset.profile ?? null})
        ON CONFLICT (experiment_id, name, digest) DO NOTHING`,
  )
  if (inserted.changes === 1) return { datasetUuid, created: true }
  const existing = await executor.execute(
    sql`SELECT dataset_uuid FROM datasets
        WHERE experiment_id = ${experimentId} AND name = ${dataset.name} AND digest = ${dataset.digest}`,
  )
  return { datasetUuid: String(existing.rows[0]?.dataset_uuid), created: false }
}

/** Dataset summaries of experiments (at most 1000), for the UI's dataset lists. */
export async function searchDatasets(
  executor: SqlExecutor,
  options: { experimentIds: string[] },
): Promise<DatasetSummary[]> {
  const ids = options.experimentIds.map(parseExperimentId)
  const summaries: DatasetSummary[] = []
  for (const part of chunk(ids, 500)) {
    const result = await executor.execute(
      sql`SELECT DISTINCT d.experiment_id, d.name, d.digest, t.value AS context
          FROM datasets d
          JOIN inputs i ON i.source_id = d.dataset_uuid AND i.source_type = 'DATASET'
          LEFT JOIN input_tags t ON t.input_uuid = i.input_uuid AND t.name = ${DATASET_CONTEXT_TAG}
          WHERE d.experiment_id IN ${valueList(part)}
          LIMIT 1000`,
    )
    for (const row of result.rows) {
      const summary: DatasetSummary = {
        experimentId: String(toNumber(row.experiment_id)),
        name: String(row.name),
        digest: String(row.digest),
      }
      if (row.context !== null && row.context !== undefined) summary.context = String(row.context)
      summaries.push(summary)
    }
  }
  const compare = (a: DatasetSummary, b: DatasetSummary): number =>
    Number(a.experimentId) - Number(b.experimentId) ||
    compareText(a.name, b.name) ||
    compareText(a.digest, b.digest) ||
    compareText(a.context ?? '', b.context ?? '')
  return summaries.sort(compare).slice(0, 1000)
}
