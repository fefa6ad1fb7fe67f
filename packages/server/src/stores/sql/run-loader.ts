/**
 * @module run-loader
 * Assembles full runs (info, latest metrics, params, tags, dataset inputs, model outputs and,
 * for a single-run read, model inputs) for a list of run rows with one query per table per 500
 * runs, never one per run. As in MLflow, searches do not return model inputs.
 */
import type {
  DatasetInput,
  Metric,
  ModelInput,
  ModelOutput,
  Param,
  Run,
  RunTag,
} from '@dspyflow/mlflow/protocol'
import { chunk, type Row, toInt64, toMetric, toRunInfo } from './row-mappers.ts'
import type { SqlExecutor } from './sql-driver.ts'
import { type SqlFragment, sql, valueList, withWideIntegers } from './sql-fragment.ts'

const CHUNK_SIZE = 500

function groupBy<T>(rows: Row[], map: (row: Row) => T): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const row of rows) {
    const key = String(row.run_uuid)
    const list = groups.get(key) ?? []
    list.push(map(row))
    groups.set(key, list)
  }
  return groups
}

/** Sorts by key in code-unit order, the same on every database whatever its collation. */
function byKey<T extends { key: string }>(items: T[] | undefined): T[] {
  return (items ?? []).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
}

/** Sorts by model id, the order MLflow's SQLite store reads model inputs and outputs in. */
function byModelId<T extends { modelId: string }>(items: T[] | undefined): T[] {
  return (items ?? []).sort((a, b) => (a.modelId < b.modelId ? -1 : a.modelId > b.modelId ? 1 : 0))
}

async function selectByRun(
  executor: SqlExecutor,
  runIds: string[],
  query: (ids: string[]) => SqlFragment,
): Promise<Row[]> {
  const rows: Row[] = []
  for (const part of chunk(runIds, CHUNK_SIZE))
    rows.push(...(await executor.execute(query(part))).rows)
  return rows
}

/** Options of {@link loadRuns}. */
export interface LoadRunsOptions {
  /** Also load the logged models the runs consumed (`runs/get` does, `runs/search` does not). */
  modelInputs?: boolean
}

/**
 * Builds runs from `runs` rows, keeping the rows' order.
 *
 * @example
 * const runs = await loadRuns(executor, (await executor.execute(sql`SELECT ...`)).rows)
 */
export async function loadRuns(
  executor: SqlExecutor,
  runRows: Row[],
  options: LoadRunsOptions = {},
): Promise<Run[]> {
  if (runRows.length === 0) return []
  const runIds = runRows.map((row) => String(row.run_uuid))
  const metrics = groupBy<Metric>(
    await selectByRun(executor, runIds, (ids) =>
      withWideIntegers(sql`SELECT run_uuid, key, value, timestamp, step, is_nan FROM latest_metrics
                   WHERE run_uuid IN ${valueList(ids)} ORDER BY key`),
    ),
    toMetric,
  )
  const params = groupBy<Param>(
    await selectByRun(
      executor,
      runIds,
      (ids) =>
        sql`SELECT run_uuid, key, value FROM params WHERE run_uuid IN ${valueList(ids)} ORDER BY key`,
    ),
    (row) => ({ key: String(row.key), value: String(row.value ?? '') }),
  )
  const tags = groupBy<RunTag>(
    await selectByRun(
      executor,
      runIds,
      (ids) =>
        sql`SELECT run_uuid, key, value FROM tags WHERE run_uuid IN ${valueList(ids)} ORDER BY key`,
    ),
    (row) => ({ key: String(row.key), value: String(row.value ?? '') }),
  )
  const inputs = await loadDatasetInputs(executor, runIds)
  const modelInputs = options.modelInputs
    ? groupBy<ModelInput>(
        await selectByRun(
          executor,
          runIds,
          (ids) => sql`SELECT source_id AS run_uuid, destination_id AS model_id FROM inputs
                       WHERE source_type = 'RUN_INPUT' AND destination_type = 'MODEL_INPUT'
                         AND source_id IN ${valueList(ids)}`,
        ),
        (row) => ({ modelId: String(row.model_id) }),
      )
    : new Map<string, ModelInput[]>()
  const modelOutputs = groupBy<ModelOutput>(
    await selectByRun(executor, runIds, (ids) =>
      withWideIntegers(
        sql`SELECT run_uuid, model_id, step FROM run_model_outputs WHERE run_uuid IN ${valueList(ids)}`,
      ),
    ),
    (row) => ({ modelId: String(row.model_id), step: toInt64(row.step) as number }),
  )
  return runRows.map((row) => {
    const runId = String(row.run_uuid)
    return {
      info: toRunInfo(row),
      data: {
        metrics: byKey(metrics.get(runId)),
        params: byKey(params.get(runId)),
        tags: byKey(tags.get(runId)),
      },
      inputs: {
        datasetInputs: inputs.get(runId) ?? [],
        modelInputs: byModelId(modelInputs.get(runId)),
      },
      outputs: { modelOutputs: byModelId(modelOutputs.get(runId)) },
    }
  })
}

async function loadDatasetInputs(
  executor: SqlExecutor,
  runIds: string[],
): Promise<Map<string, DatasetInput[]>> {
  const inputRows = await selectByRun(
    executor,
    runIds,
    (ids) => sql`SELECT i.input_uuid, i.destination_id AS run_uuid, d.name, d.digest,
                        d.dataset_source_type, d.dataset_source, d.dataset_schema, d.dataset_profile
                 FROM inputs i JOIN datasets d ON d.dataset_uuid = i.source_id
                 WHERE i.source_type = 'DATASET' AND i.destination_type = 'RUN'
                   AND i.destination_id IN ${valueList(ids)}
                 ORDER BY d.name, d.digest`,
  )
  const tagsByInput = new Map<string, { key: string; value: string }[]>()
  const inputIds = inputRows.map((row) => String(row.input_uuid))
  for (const part of chunk(inputIds, CHUNK_SIZE)) {
    const result = await executor.execute(
      sql`SELECT input_uuid, name, value FROM input_tags WHERE input_uuid IN ${valueList(part)}
          ORDER BY name`,
    )
    for (const row of result.rows) {
      const id = String(row.input_uuid)
      const list = tagsByInput.get(id) ?? []
      list.push({ key: String(row.name), value: String(row.value) })
      tagsByInput.set(id, list)
    }
  }
  return groupBy<DatasetInput>(inputRows, (row) => {
    const dataset: DatasetInput['dataset'] = {
      name: String(row.name),
      digest: String(row.digest),
      sourceType: String(row.dataset_source_type),
      source: String(row.dataset_source),
    }
    if (row.dataset_schema !== null && row.dataset_schema !== undefined) {
      dataset.schema = String(row.dataset_schema)
    }
    if (row.dataset_profile !== null && row.dataset_profile !== undefined) {
      dataset.profile = String(row.dataset_profile)
    }
    return { tags: tagsByInput.get(String(row.input_uuid)) ?? [], dataset }
  })
}
