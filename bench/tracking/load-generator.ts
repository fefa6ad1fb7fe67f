/**
 * The load generator of bench/tracking: the same requests, counts and concurrency against any
 * MLflow-compatible tracking server (ours and the reference `mlflow server`).
 *
 * Requests go through the global `fetch` (undici, keep-alive connections), at most `concurrency`
 * in flight, a fixed number per phase, each one's latency recorded from sending the request to
 * the last byte of the answer (JSON parsing on the client side is not counted). Request bodies
 * that do not depend on an earlier answer are built before the clock starts, so the client spends
 * as little of the shared CPU as possible while a phase is timed.
 */

const API = '/api/2.0/mlflow'
/** A fixed base for metric timestamps and run start times: identical payloads on both servers. */
const BASE_TIME_MS = 1_760_000_000_000

export interface LatencyStats {
  count: number
  p50_ms: number
  p95_ms: number
  p99_ms: number
  mean_ms: number
  max_ms: number
}

export interface PoolResult {
  wall_ms: number
  ok: number
  errors: number
  first_error?: string
  latency: LatencyStats
}

export interface Answer {
  status: number
  text: string
  ms: number
}

/** Thrown for a non-200 answer; `run` counts it as an error and keeps going. */
export class RequestError extends Error {}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.ceil((p / 100) * sorted.length) - 1
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!
}

export function latencyStats(samples: number[]): LatencyStats {
  const sorted = [...samples].sort((a, b) => a - b)
  const round = (value: number) => Math.round(value * 1000) / 1000
  return {
    count: sorted.length,
    p50_ms: round(percentile(sorted, 50)),
    p95_ms: round(percentile(sorted, 95)),
    p99_ms: round(percentile(sorted, 99)),
    mean_ms: round(sorted.reduce((sum, value) => sum + value, 0) / (sorted.length || 1)),
    max_ms: round(sorted[sorted.length - 1] ?? Number.NaN),
  }
}

/** A thin REST client: one method per HTTP verb, answers as text with their latency. */
export class TrackingClient {
  /** Network failures retried once (a keep-alive socket closed by the server while idle). */
  retries = 0

  constructor(readonly baseUrl: string) {}

  async request(method: 'GET' | 'POST', path: string, body?: string): Promise<Answer> {
    for (let attempt = 0; ; attempt += 1) {
      const start = performance.now()
      try {
        const response = await fetch(this.baseUrl + path, {
          method,
          headers: body === undefined ? undefined : { 'content-type': 'application/json' },
          body,
        })
        const text = await response.text()
        return { status: response.status, text, ms: performance.now() - start }
      } catch (error) {
        if (attempt >= 1) throw error
        this.retries += 1
      }
    }
  }

  /** POST a JSON body (object or prebuilt string); the parsed answer, RequestError unless 200. */
  async post<T>(rpc: string, body: unknown, latencies?: number[]): Promise<T> {
    const text = typeof body === 'string' ? body : JSON.stringify(body)
    return this.check<T>(await this.request('POST', API + rpc, text), rpc, latencies)
  }

  async get<T>(rpc: string, query: Record<string, string>, latencies?: number[]): Promise<T> {
    const path = `${API}${rpc}?${new URLSearchParams(query)}`
    return this.check<T>(await this.request('GET', path), rpc, latencies)
  }

  private check<T>(answer: Answer, rpc: string, latencies?: number[]): T {
    if (answer.status !== 200)
      throw new RequestError(`${rpc}: HTTP ${answer.status} ${answer.text.slice(0, 300)}`)
    latencies?.push(answer.ms)
    return JSON.parse(answer.text) as T
  }
}

/**
 * Runs `task(0) … task(count - 1)` with at most `concurrency` in flight. A task records its own
 * request latencies into the array it is given; a thrown error counts as a failed task.
 */
export async function run(
  count: number,
  concurrency: number,
  task: (index: number, latencies: number[]) => Promise<void>,
): Promise<PoolResult> {
  const latencies: number[] = []
  let next = 0
  let ok = 0
  let errors = 0
  let firstError: string | undefined
  const start = performance.now()
  const lane = async () => {
    for (let index = next++; index < count; index = next++) {
      try {
        await task(index, latencies)
        ok += 1
      } catch (error) {
        errors += 1
        firstError ??= error instanceof Error ? error.message : String(error)
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane))
  const wall = performance.now() - start
  return {
    wall_ms: Math.round(wall * 10) / 10,
    ok,
    errors,
    ...(firstError === undefined ? {} : { first_error: firstError }),
    latency: latencyStats(latencies),
  }
}

interface RunAnswer {
  run: { info: { run_id: string } }
}

export async function createExperiment(client: TrackingClient, name: string): Promise<string> {
  const answer = await client.post<{ experiment_id: string }>('/experiments/create', { name })
  return answer.experiment_id
}

export async function createRun(
  client: TrackingClient,
  experimentId: string,
  runName: string,
  startTime = BASE_TIME_MS,
  latencies?: number[],
): Promise<string> {
  const body = { experiment_id: experimentId, run_name: runName, start_time: startTime }
  const answer = await client.post<RunAnswer>('/runs/create', body, latencies)
  return answer.run.info.run_id
}

/** A log-batch body of `size` metrics: `keys` keys, consecutive steps from `firstStep`. */
function metricBatch(runId: string, size: number, keys: string[], firstStep: number): string {
  const metrics = Array.from({ length: size }, (_, index) => {
    const step = firstStep + Math.floor(index / keys.length)
    const key = keys[index % keys.length]!
    return { key, value: Math.sin(step) + index / size, timestamp: BASE_TIME_MS + step, step }
  })
  return JSON.stringify({ run_id: runId, metrics })
}

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
  options: { requests: number; batchSize: number; concurrency: number },
): Promise<IngestionResult> {
  const experimentId = await createExperiment(client, 'bench-ingestion')
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

export interface HistoryResult {
  points: number
  log_batch_requests: number
  logging_wall_ms: number
  logging_errors: number
  /** One get-history request with max_results = points: the whole history in one page. */
  single_page: PoolResult & { calls: number; max_results: number; pages: number }
  /** As the Python client reads it: max_results 25,000 and next_page_token until the end. */
  client_paging: PoolResult & { calls: number; max_results: number; pages: number }
}

interface HistoryAnswer {
  metrics?: unknown[]
  next_page_token?: string
}

/** Logs `points` points of one metric via log-batch, then reads the history back. */
export async function metricHistory(
  client: TrackingClient,
  options: { points: number; calls: number; pagedCalls: number; warmup: number },
): Promise<HistoryResult> {
  const experimentId = await createExperiment(client, 'bench-history')
  const runId = await createRun(client, experimentId, 'history')
  const batches = Math.ceil(options.points / 1000)
  const bodies = Array.from({ length: batches }, (_, index) =>
    metricBatch(runId, Math.min(1000, options.points - index * 1000), ['loss'], index * 1000),
  )
  const logging = await run(batches, 4, async (index) => {
    await client.post('/runs/log-batch', bodies[index]!)
  })
  if (logging.errors > 0) throw new Error(`logging the history failed: ${logging.first_error}`)

  /** Reads the whole history, page by page; returns the number of pages and total latency. */
  const read = async (maxResults: number, latencies?: number[]) => {
    let pageToken: string | undefined
    let total = 0
    let pages = 0
    let ms = 0
    do {
      const query: Record<string, string> = {
        run_id: runId,
        metric_key: 'loss',
        max_results: String(maxResults),
      }
      if (pageToken) query.page_token = pageToken
      const answer = await client.request(
        'GET',
        `${API}/metrics/get-history?${new URLSearchParams(query)}`,
      )
      if (answer.status !== 200)
        throw new RequestError(`get-history: HTTP ${answer.status} ${answer.text.slice(0, 300)}`)
      ms += answer.ms
      const parsed = JSON.parse(answer.text) as HistoryAnswer
      total += parsed.metrics?.length ?? 0
      pages += 1
      pageToken = parsed.next_page_token || undefined
    } while (pageToken && pages < 1000)
    if (total !== options.points)
      throw new Error(`get-history returned ${total} points, expected ${options.points}`)
    latencies?.push(ms)
    return pages
  }

  let singlePages = 0
  for (let index = 0; index < options.warmup; index += 1) await read(options.points)
  const single = await run(options.calls, 1, async (_, latencies) => {
    singlePages = await read(options.points, latencies)
  })
  let pagedPages = 0
  const paged = await run(options.pagedCalls, 1, async (_, latencies) => {
    pagedPages = await read(25_000, latencies)
  })
  return {
    points: options.points,
    log_batch_requests: batches,
    logging_wall_ms: logging.wall_ms,
    logging_errors: logging.errors,
    single_page: {
      ...single,
      calls: options.calls,
      max_results: options.points,
      pages: singlePages,
    },
    client_paging: { ...paged, calls: options.pagedCalls, max_results: 25_000, pages: pagedPages },
  }
}
