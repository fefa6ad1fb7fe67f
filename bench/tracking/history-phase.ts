/**
 * The metric-history phase of bench/tracking's load generator: log one long metric history
 * through log-batch, then read it back whole (one page) and as the Python client pages it.
 */
import {
  API,
  createExperiment,
  createRun,
  metricBatch,
  type PoolResult,
  RequestError,
  run,
  type TrackingClient,
} from './http-client.ts'

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
