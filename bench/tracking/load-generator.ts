/**
 * The load generator of bench/tracking: the same requests, counts and concurrency against any
 * MLflow-compatible tracking server (ours and the reference `mlflow server`).
 *
 * Requests go through the global `fetch` (undici, keep-alive connections), at most `concurrency`
 * in flight, a fixed number per phase, each one's latency recorded from sending the request to
 * the last byte of the answer (JSON parsing on the client side is not counted). Request bodies
 * that do not depend on an earlier answer are built before the clock starts, so the client spends
 * as little of the shared CPU as possible while a phase is timed. The HTTP client and the pool
 * are in http-client.ts, the metric-history phase in history-phase.ts.
 */
import {
  BASE_TIME_MS,
  createExperiment,
  createRun,
  metricBatch,
  type PoolResult,
  run,
  type TrackingClient,
} from './http-client.ts'

export {
  type Answer,
  createExperiment,
  createRun,
  type LatencyStats,
  latencyStats,
  type PoolResult,
  percentile,
  RequestError,
  run,
  TrackingClient,
} from './http-client.ts'
export { type HistoryResult, metricHistory } from './history-phase.ts'

export interface IngestionResult extends PoolResult {
  requests: number
  metrics_per_request: number
  concurrency: number
  runs: number
  metrics: number
  metrics_per_s: number
}

/**
 * log-batch ingestion: `requests` requests of `batchSize` metrics (10 keys, consecutive steps),
 * spread round-robin over one run per lane, `concurrency` in flight.
 */
export async function ingestion(
  client: TrackingClient,
  options: { requests: number; batchSize: number; concurrency: number; experimentName?: string },
): Promise<IngestionResult> {
  const experimentId = await createExperiment(client, options.experimentName ?? 'bench-ingestion')
  const runIds: string[] = []
  for (let lane = 0; lane < options.concurrency; lane += 1)
    runIds.push(await createRun(client, experimentId, `ingest-${lane}`))
  const keys = Array.from({ length: 10 }, (_, index) => `metric_${index}`)
  const stepsPerRequest = options.batchSize / keys.length
  const bodies = Array.from({ length: options.requests }, (_, index) => {
    const lane = index % runIds.length
    const round = Math.floor(index / runIds.length)
    return metricBatch(runIds[lane]!, options.batchSize, keys, round * stepsPerRequest)
  })
  const result = await run(options.requests, options.concurrency, async (index, latencies) => {
    await client.post('/runs/log-batch', bodies[index]!, latencies)
  })
  const metrics = result.ok * options.batchSize
  return {
    ...result,
    requests: options.requests,
    metrics_per_request: options.batchSize,
    concurrency: options.concurrency,
    runs: runIds.length,
    metrics,
    metrics_per_s: Math.round(metrics / (result.wall_ms / 1000)),
  }
}

export interface LogMetricResult extends PoolResult {
  requests: number
  concurrency: number
  runs: number
  requests_per_s: number
}

/** Single log-metric requests: one run per lane, each lane logging consecutive steps of `loss`. */
export async function logMetric(
  client: TrackingClient,
  options: { requests: number; concurrency: number },
): Promise<LogMetricResult> {
  const experimentId = await createExperiment(client, 'bench-log-metric')
  const runIds: string[] = []
  for (let lane = 0; lane < options.concurrency; lane += 1)
    runIds.push(await createRun(client, experimentId, `log-metric-${lane}`))
  const bodies = Array.from({ length: options.requests }, (_, index) => {
    const step = Math.floor(index / runIds.length)
    return JSON.stringify({
      run_id: runIds[index % runIds.length],
      key: 'loss',
      value: 1 / (step + 1),
      timestamp: BASE_TIME_MS + step,
      step,
    })
  })
  const result = await run(options.requests, options.concurrency, async (index, latencies) => {
    await client.post('/runs/log-metric', bodies[index]!, latencies)
  })
  return {
    ...result,
    requests: options.requests,
    concurrency: options.concurrency,
    runs: runIds.length,
    requests_per_s: Math.round((result.ok / (result.wall_ms / 1000)) * 10) / 10,
  }
}

export const MODEL_VALUES = Array.from({ length: 10 }, (_, index) => `m${index}`)

/** The params of search run `index`: `model` (one of 10 values) and `lr`. */
export function seedParams(index: number): { key: string; value: string }[] {
  return [
    { key: 'model', value: MODEL_VALUES[index % MODEL_VALUES.length]! },
    { key: 'lr', value: String(((index % 97) + 1) / 10_000) },
  ]
}

export interface SeedChunk {
  runs: number
  wall_ms: number
  errors: number
  first_error?: string
}

/**
 * Seeds runs `from … to - 1` of the search experiment: create-run (name `run-<i>`, start time
 * base + i) then log-batch with params `model` (`m<i mod 10>`) and `lr`; `concurrency` runs in
 * flight. Run i gets the same request bodies on every server.
 */
export async function seedRuns(
  client: TrackingClient,
  experimentId: string,
  from: number,
  to: number,
  concurrency: number,
): Promise<SeedChunk> {
  const result = await run(to - from, concurrency, async (offset) => {
    const index = from + offset
    const runId = await createRun(client, experimentId, `run-${index}`, BASE_TIME_MS + index)
    await client.post('/runs/log-batch', { run_id: runId, params: seedParams(index) })
  })
  return {
    runs: result.ok,
    wall_ms: result.wall_ms,
    errors: result.errors,
    ...(result.first_error === undefined ? {} : { first_error: result.first_error }),
  }
}

export interface SearchResult extends PoolResult {
  queries: number
  warmup: number
  filter: string
  max_results: number
  runs_per_page: number
  has_next_page: boolean
}

interface SearchAnswer {
  runs?: { data?: { params?: { key: string; value: string }[] } }[]
  next_page_token?: string
}

/** runs/search with a param filter, one query at a time; checks every answer. */
export async function searchRuns(
  client: TrackingClient,
  experimentId: string,
  options: { queries: number; warmup: number; maxResults: number; expectedRuns: number },
): Promise<SearchResult> {
  const filter = "params.model = 'm3'"
  const body = JSON.stringify({
    experiment_ids: [experimentId],
    filter,
    max_results: options.maxResults,
  })
  let runsPerPage = 0
  let hasNextPage = false
  const query = async (latencies?: number[]) => {
    const answer = await client.post<SearchAnswer>('/runs/search', body, latencies)
    const runs = answer.runs ?? []
    const wrong = runs.find(
      (found) => !found.data?.params?.some((p) => p.key === 'model' && p.value === 'm3'),
    )
    if (wrong) throw new Error('runs/search returned a run without params.model = m3')
    if (runs.length !== options.expectedRuns)
      throw new Error(`runs/search returned ${runs.length} runs, expected ${options.expectedRuns}`)
    runsPerPage = runs.length
    hasNextPage = Boolean(answer.next_page_token)
  }
  for (let index = 0; index < options.warmup; index += 1) await query()
  const result = await run(options.queries, 1, (_, latencies) => query(latencies))
  return {
    ...result,
    queries: options.queries,
    warmup: options.warmup,
    filter,
    max_results: options.maxResults,
    runs_per_page: runsPerPage,
    has_next_page: hasNextPage,
  }
}
