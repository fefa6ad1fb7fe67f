/**
 * The request counts of bench/tracking.
 */

const smoke = process.env.BENCH_SMOKE === '1'
/** The request counts; BENCH_SMOKE=1 shrinks them to check the harness in a minute. */
export const PLAN = {
  ingestion: { requests: smoke ? 20 : 200, batchSize: 1000, concurrency: 4 },
  logMetric: { requests: smoke ? 300 : 3000, concurrency: 16 },
  history: {
    points: smoke ? 5000 : 100_000,
    calls: smoke ? 3 : 20,
    pagedCalls: smoke ? 1 : 5,
    warmup: smoke ? 1 : 2,
  },
  search: {
    targetRuns: smoke ? 3000 : 100_000,
    chunk: smoke ? 500 : 1000,
    seedConcurrency: 8,
    queries: smoke ? 5 : 50,
    warmup: smoke ? 1 : 10,
  },
  search_max_results: 100,
  smoke,
}
