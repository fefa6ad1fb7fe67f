/**
 * @module plan
 * The sizes of bench/traces, from the environment: BENCH_TRACES_SPANS (spans in the searched
 * experiment, default 1,000,000), BENCH_TRACES_SEED_BUDGET_S (the reference's OTLP seeding
 * budget, default 180 s), BENCH_TRACES_QUERIES (timed searches per filter, default 200),
 * BENCH_TRACES_QUERY_TIMEOUT_S (a search abandoned after, default 60 s),
 * BENCH_TRACES_INGEST_REQUESTS (timed OTLP requests, default 500), BENCH_TRACES_INGEST_WARMUP
 * (untimed OTLP requests before them, default 100), and BENCH_SMOKE=1 for a run
 * of a minute or two that checks the harness.
 */
import { SPANS_PER_TRACE } from './trace-factory.ts'

const smoke = process.env.BENCH_SMOKE === '1'
const number = (name: string, fallback: number) => {
  const value = process.env[name]
  if (value === undefined || value === '') return fallback
  const parsed = Number(value)
  if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`${name} must be a number: ${value}`)
  return parsed
}

const targetSpans = number('BENCH_TRACES_SPANS', smoke ? 20_000 : 1_000_000)
const tracesPerRequest = 10
const ingestionRequests = number('BENCH_TRACES_INGEST_REQUESTS', smoke ? 20 : 500)
const ingestionWarmup = number('BENCH_TRACES_INGEST_WARMUP', smoke ? 4 : 100)

/** The counts of one benchmark run (the same for both servers). */
export const PLAN = {
  spansPerTrace: SPANS_PER_TRACE,
  /** Traces in the searched experiment (spans / spans per trace). */
  targetTraces: Math.max(1, Math.floor(targetSpans / SPANS_PER_TRACE)),
  ingestion: {
    /**
     * Untimed requests first: enough to reach every reference worker and for V8 to compile our
     * server's ingestion path, so that steady-state throughput is timed on both sides.
     */
    warmupRequests: ingestionWarmup,
    requests: ingestionRequests,
    tracesPerRequest,
    concurrency: 4,
  },
  seed: {
    tracesPerRequest,
    concurrency: 4,
    /** Seeding progresses in chunks of this many traces (the budget is checked between). */
    chunkTraces: smoke ? 500 : 1000,
    budgetS: number('BENCH_TRACES_SEED_BUDGET_S', smoke ? 20 : 180),
  },
  search: {
    maxResults: 100,
    queries: number('BENCH_TRACES_QUERIES', smoke ? 5 : 200),
    warmup: smoke ? 1 : 100,
    /** Untimed searches that warm the load generator's client before the first case. */
    clientWarmup: smoke ? 5 : 500,
    /** A search taking longer is abandoned and ends its case (see search-phase.ts). */
    timeoutS: number('BENCH_TRACES_QUERY_TIMEOUT_S', smoke ? 20 : 60),
  },
  /** Pause after flushing dirty pages, before ingestion and before searching (settle.ts). */
  settleMs: smoke ? 500 : 5000,
  smoke,
}

export type TracesPlan = typeof PLAN
