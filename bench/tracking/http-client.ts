/**
 * The HTTP side of bench/tracking's load generator: a thin REST client that records each
 * request's latency, a bounded-concurrency task pool, latency statistics, and the two requests
 * every phase starts with (create-experiment, create-run), and the log-batch body of metric points.
 *
 * Requests go through the global `fetch` (undici, keep-alive connections), at most `concurrency`
 * in flight, each one's latency recorded from sending the request to the last byte of the answer
 * (JSON parsing on the client side is not counted).
 */

export const API = '/api/2.0/mlflow'
/** A fixed base for metric timestamps and run start times: identical payloads on both servers. */
export const BASE_TIME_MS = 1_760_000_000_000

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
export function metricBatch(
  runId: string,
  size: number,
  keys: string[],
  firstStep: number,
): string {
  const metrics = Array.from({ length: size }, (_, index) => {
    const step = firstStep + Math.floor(index / keys.length)
    const key = keys[index % keys.length]!
    return { key, value: Math.sin(step) + index / size, timestamp: BASE_TIME_MS + step, step }
  })
  return JSON.stringify({ run_id: runId, metrics })
}
