/**
 * Focused measurements for tuning the tracking server, one server at a time, in a few minutes:
 * log-batch ingestion (after a warm-up) and search_runs over N runs, with the server's CPU time
 * per request next to the wall-clock figures (CPU per request moves far less than throughput
 * when other work shares the machine). Not part of `npm run bench`; BENCHMARKS.md comes from
 * run-tracking-bench.ts.
 *
 *   npx tsx bench/tracking/focus.ts                     # ours: ingestion + search over 20,000 runs
 *   FOCUS_SERVER=reference npx tsx bench/tracking/focus.ts
 *
 * Environment: FOCUS_SERVER=ours|reference, FOCUS_PHASES=ingest,search (default; add
 * `log-metric` and `history` in between to run the full bench's phases, at its sizes, first),
 * FOCUS_INGEST_REQUESTS (200), FOCUS_INGEST_WARMUP (40), FOCUS_SEARCH_RUNS (20000),
 * FOCUS_QUERIES (100), FOCUS_SEED=rest|sqlite (default: rest for ours; the reference is seeded
 * with one run through REST and topped up in its SQLite file, see reference-fill.ts),
 * FOCUS_WORKDIR=<dir> (use and keep that folder: a second run on it skips seeding, e.g. to
 * profile search alone), BENCH_OURS_CPU_PROF=<dir> (run ours under --cpu-prof),
 * FOCUS_CHECKOUT=<dir> (run ours from another copy of the repository, e.g. `git archive` of an
 * earlier commit with node_modules linked in: before/after figures under the same load).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { cpuMeter } from './cpu-meter.ts'
import {
  createExperiment,
  ingestion,
  logMetric,
  metricHistory,
  searchRuns,
  seedRuns,
  TrackingClient,
} from './load-generator.ts'
import { fillReferenceRuns } from './reference-fill.ts'
import { log, type StartedServer, startOurServer, startReferenceServer } from './server-process.ts'

const env = process.env
const server = env.FOCUS_SERVER === 'reference' ? 'reference' : 'ours'
const phases = new Set((env.FOCUS_PHASES ?? 'ingest,search').split(','))
const ingestRequests = Number(env.FOCUS_INGEST_REQUESTS ?? 200)
const ingestWarmup = Number(env.FOCUS_INGEST_WARMUP ?? 40)
const searchRunCount = Number(env.FOCUS_SEARCH_RUNS ?? 20_000)
const queries = Number(env.FOCUS_QUERIES ?? 100)
const seedMode = env.FOCUS_SEED ?? (server === 'ours' ? 'rest' : 'sqlite')

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits

async function ingest(client: TrackingClient, started: StartedServer) {
  const options = { batchSize: 1000, concurrency: 4 }
  await ingestion(client, { ...options, requests: ingestWarmup, experimentName: 'warm-up' })
  const meter = cpuMeter(started.running.child.pid!)
  const result = await ingestion(client, { ...options, requests: ingestRequests })
  const cpu = meter()
  if (result.errors > 0) throw new Error(`ingestion errors: ${result.first_error}`)
  return {
    requests: ingestRequests,
    metrics_per_s: result.metrics_per_s,
    latency_p50_ms: result.latency.p50_ms,
    server_cpu_ms_per_request: round(cpu.server_cpu_ms / ingestRequests),
    client_cpu_ms_per_request: round(cpu.client_cpu_ms / ingestRequests),
  }
}

/** The id of the seeded search experiment, when an earlier run on FOCUS_WORKDIR made it. */
async function seededExperiment(client: TrackingClient): Promise<string | undefined> {
  const answer = await client.request(
    'GET',
    `/api/2.0/mlflow/experiments/get-by-name?experiment_name=bench-search`,
  )
  if (answer.status !== 200) return undefined
  return (JSON.parse(answer.text) as { experiment: { experiment_id: string } }).experiment
    .experiment_id
}

async function search(client: TrackingClient, started: StartedServer, workdir: string) {
  const existing = await seededExperiment(client)
  const experimentId = existing ?? (await createExperiment(client, 'bench-search'))
  const seedStart = performance.now()
  if (existing !== undefined) {
    log('  reusing the seeded runs')
  } else if (seedMode === 'sqlite') {
    await seedRuns(client, experimentId, 0, 1, 1)
    fillReferenceRuns(join(workdir, 'ref.db'), 'bench-search', 1, searchRunCount)
  } else {
    for (let from = 0; from < searchRunCount; from += 1000) {
      const chunk = await seedRuns(
        client,
        experimentId,
        from,
        Math.min(from + 1000, searchRunCount),
        8,
      )
      if (chunk.errors > 0) throw new Error(`seeding failed: ${chunk.first_error}`)
    }
  }
  log(
    `  seeded ${searchRunCount} runs (${seedMode}) in ${round((performance.now() - seedStart) / 1000, 1)} s`,
  )
  const expectedRuns = Math.min(100, Math.floor(searchRunCount / 10))
  const meter = cpuMeter(started.running.child.pid!)
  const result = await searchRuns(client, experimentId, {
    queries,
    warmup: 10,
    maxResults: 100,
    expectedRuns,
  })
  const cpu = meter()
  if (result.errors > 0) throw new Error(`search errors: ${result.first_error}`)
  return {
    runs: searchRunCount,
    queries,
    p50_ms: result.latency.p50_ms,
    p95_ms: result.latency.p95_ms,
    mean_ms: result.latency.mean_ms,
    server_cpu_ms_per_query: round(cpu.server_cpu_ms / (queries + 10)),
  }
}

async function main(): Promise<void> {
  const kept = env.FOCUS_WORKDIR
  if (kept) mkdirSync(kept, { recursive: true })
  const workdir = kept ?? mkdtempSync(join(tmpdir(), `bench-focus-${server}-`))
  const started =
    server === 'ours'
      ? await startOurServer(workdir, {
          cpuProfileDir: env.BENCH_OURS_CPU_PROF,
          checkout: env.FOCUS_CHECKOUT,
        })
      : await startReferenceServer(workdir)
  const client = new TrackingClient(started.running.url)
  const report: Record<string, unknown> = { server, date: new Date().toISOString() }
  try {
    if (phases.has('ingest')) {
      log(`${server}: ingestion, ${ingestWarmup} warm-up + ${ingestRequests} log-batch x 1000`)
      report.ingestion = await ingest(client, started)
      log(`  ${JSON.stringify(report.ingestion)}`)
    }
    if (phases.has('log-metric')) {
      const result = await logMetric(client, { requests: 3000, concurrency: 16 })
      report.log_metric = { requests_per_s: result.requests_per_s, errors: result.errors }
      log(`  log-metric ${JSON.stringify(report.log_metric)}`)
    }
    if (phases.has('history')) {
      const options = { points: 100_000, calls: 20, pagedCalls: 5, warmup: 2 }
      const result = await metricHistory(client, options)
      report.history = {
        single_page_p50_ms: result.single_page.latency.p50_ms,
        paged_p50_ms: result.client_paging.latency.p50_ms,
      }
      log(`  history ${JSON.stringify(report.history)}`)
    }
    if (phases.has('search')) {
      log(`${server}: search over ${searchRunCount} runs`)
      report.search = await search(client, started, workdir)
      log(`  ${JSON.stringify(report.search)}`)
    }
  } finally {
    await started.running.stop()
    if (!kept) rmSync(workdir, { recursive: true, force: true })
  }
  process.stdout.write(`${JSON.stringify(report)}\n`)
}

await main()
