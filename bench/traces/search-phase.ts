/**
 * @module search-phase
 * The search phase of bench/traces: `POST /api/3.0/mlflow/traces/search` over one experiment,
 * one request at a time (search-client.ts), for each case of search-cases.ts: a few untimed warm-up queries, then
 * the timed ones. Every answer is checked against the expected trace ids (in order); a wrong
 * answer counts as an error, like a non-200 answer.
 *
 * A query that takes longer than `timeoutMs` is abandoned and ends its case: the case then
 * reports `timed_out` (its latency is at least the timeout). The reference needs minutes per
 * span-filtered search at a million spans on SQLite, far beyond the benchmark's time; the
 * server keeps working on an abandoned query, so that case runs last and the server is
 * stopped right after the phase.
 */
import { type LatencyStats, latencyStats } from '../tracking/http-client.ts'
import { type SearchCase, type SearchQuery, searchCases } from './search-cases.ts'
import { type PostOutcome, SearchClient } from './search-client.ts'

/** The measurements of one case. */
export interface SearchCaseResult {
  name: SearchCase['name']
  label: string
  example_filter?: string
  /** Timed queries answered (a timed-out query is not among them). */
  queries: number
  errors: number
  first_error?: string
  /** Set when a query (warm-up or timed) was abandoned after this many ms. */
  timed_out_after_ms?: number
  latency: LatencyStats
  /** Traces in the first checked answer. */
  results: number
}

interface SearchAnswer {
  traces?: { trace_id: string }[]
}

export interface SearchPhaseOptions {
  baseUrl: string
  experimentId: string
  traces: number
  maxResults: number
  queries: number
  /** Untimed queries per case before its timed ones. */
  warmup: number
  /** Untimed searches without a filter before the first case. */
  clientWarmup: number
  timeoutMs: number
}

type Outcome =
  | { kind: 'ok'; ms: number; returned: number }
  | { kind: 'error'; message: string }
  | { kind: 'timeout' }

function requestBody(options: SearchPhaseOptions, query: SearchQuery): string {
  return JSON.stringify({
    locations: [
      { type: 'MLFLOW_EXPERIMENT', mlflow_experiment: { experiment_id: options.experimentId } },
    ],
    max_results: options.maxResults,
    ...(query.filter === undefined ? {} : { filter: query.filter }),
  })
}

/** Checks an answer against the trace ids expected, in order. */
function checkAnswer(outcome: PostOutcome, query: SearchQuery): Outcome {
  if (outcome.kind !== 'answer') return outcome
  const { status, ms } = outcome
  const text = outcome.body.toString('utf8')
  if (status !== 200) return { kind: 'error', message: `HTTP ${status} ${text.slice(0, 300)}` }
  const ids = ((JSON.parse(text) as SearchAnswer).traces ?? []).map((trace) => trace.trace_id)
  const wrongAt = query.expected.findIndex((id, index) => ids[index] !== id)
  if (ids.length !== query.expected.length || wrongAt >= 0)
    return {
      kind: 'error',
      message: `wrong answer: ${ids.length} traces (expected ${query.expected.length}), first difference at ${wrongAt}: ${ids[wrongAt]} instead of ${query.expected[wrongAt]}`,
    }
  return { kind: 'ok', ms, returned: ids.length }
}

/**
 * One case: its queries and bodies made first, then sent one at a time with nothing else done
 * between them, then every answer checked (parsing 90 KB answers between timed requests would
 * leave the load generator collecting their garbage during the next ones).
 */
async function runCase(client: SearchClient, options: SearchPhaseOptions, searchCase: SearchCase) {
  const total = options.warmup + options.queries
  const queries = Array.from({ length: total }, (_, n) => searchCase.query(n))
  const bodies = queries.map((query) => requestBody(options, query))
  const answers: PostOutcome[] = []
  let timedOut = false
  for (const body of bodies) {
    const answer = await client.post('/api/3.0/mlflow/traces/search', body, options.timeoutMs)
    if (answer.kind === 'timeout') {
      timedOut = true
      break
    }
    answers.push(answer)
  }
  const latencies: number[] = []
  let errors = 0
  let firstError: string | undefined
  let returned = 0
  answers.forEach((answer, n) => {
    const query = queries[n] as SearchQuery
    const outcome = checkAnswer(answer, query)
    if (outcome.kind === 'ok' && returned === 0) returned = outcome.returned
    if (n < options.warmup) return
    if (outcome.kind === 'ok') latencies.push(outcome.ms)
    else if (outcome.kind === 'error') {
      errors += 1
      firstError ??= `${query.filter ?? '(no filter)'}: ${outcome.message}`
    }
  })
  const example = searchCase.query(0).filter
  const result: SearchCaseResult = {
    name: searchCase.name,
    label: searchCase.label,
    ...(example === undefined ? {} : { example_filter: example }),
    queries: latencies.length,
    errors,
    ...(firstError === undefined ? {} : { first_error: firstError }),
    ...(timedOut ? { timed_out_after_ms: options.timeoutMs } : {}),
    latency: latencyStats(latencies),
    results: returned,
  }
  return result
}

/**
 * Runs every case, one query at a time; the results in case order.
 *
 * @example
 * const results = await searchPhase({ baseUrl, experimentId: '1', traces: 100_000,
 *   maxResults: 100, queries: 20, warmup: 3, timeoutMs: 60_000 })
 * results[0].latency.p50_ms
 */
export async function searchPhase(options: SearchPhaseOptions): Promise<SearchCaseResult[]> {
  const results: SearchCaseResult[] = []
  const client = new SearchClient(options.baseUrl)
  try {
    // The load generator's own warm-up: its HTTP client compiled by V8 before any case is timed
    // (the first cases' figures otherwise carry the client's interpreter time).
    const warmupBody = requestBody(options, { expected: [] })
    for (let n = 0; n < options.clientWarmup; n += 1) {
      const answer = await client.post(
        '/api/3.0/mlflow/traces/search',
        warmupBody,
        options.timeoutMs,
      )
      if (answer.kind !== 'answer') break
    }
    for (const searchCase of searchCases({
      traces: options.traces,
      maxResults: options.maxResults,
    }))
      results.push(await runCase(client, options, searchCase))
  } finally {
    client.close()
  }
  return results
}
