/**
 * One server's pass of bench/tracking: ingestion, single log-metric, metric history, then search
 * over seeded runs (with a seeding budget for the reference) and, when the compared search ran on
 * fewer runs than the target, a second search at the target size.
 */
import { loadavg } from 'node:os'
import { type CpuUse, cpuMeter } from './cpu-meter.ts'
import {
  createExperiment,
  type HistoryResult,
  type IngestionResult,
  ingestion,
  type LogMetricResult,
  logMetric,
  metricHistory,
  type SearchResult,
  type SeedChunk,
  searchRuns,
  seedRuns,
  TrackingClient,
} from './load-generator.ts'
import { PLAN } from './plan.ts'
import { fillReferenceRuns } from './reference-fill.ts'
import { log, type Running, version } from './server-process.ts'

export interface SeedResult {
  runs: number
  wall_ms: number
  runs_per_s: number
  errors: number
  first_error?: string
  budget_s?: number
  stopped_by_budget?: boolean
}

export interface ServerResult {
  server: 'ours' | 'reference'
  version: string
  command: string
  workers: number
  startup_ms: number
  loadavg_before: number[]
  ingestion: IngestionResult
  log_metric: LogMetricResult
  history: HistoryResult
  seed: SeedResult
  search: SearchResult
  /**
   * When the compared search ran on fewer runs than the target: the search experiment topped up
   * to the target and searched again. Ours through its REST API (`method: 'rest'`); the
   * reference by copying its REST-made rows straight into its SQLite file (`'direct-sqlite'`,
   * see reference-fill.ts).
   */
  search_full?: {
    method: 'rest' | 'direct-sqlite'
    runs: number
    seed: SeedResult
    search: SearchResult
  }
  /** CPU time per phase: the server's process tree and the load generator (this process). */
  cpu: Record<string, CpuUse>
  request_retries: number
}

function seedSummary(chunks: SeedChunk[], budgetS?: number, stopped?: boolean): SeedResult {
  const runs = chunks.reduce((sum, chunk) => sum + chunk.runs, 0)
  const wall = chunks.reduce((sum, chunk) => sum + chunk.wall_ms, 0)
  const firstError = chunks.find((chunk) => chunk.first_error)?.first_error
  return {
    runs,
    wall_ms: Math.round(wall),
    runs_per_s: Math.round((runs / (wall / 1000)) * 10) / 10,
    errors: chunks.reduce((sum, chunk) => sum + chunk.errors, 0),
    ...(firstError === undefined ? {} : { first_error: firstError }),
    ...(budgetS === undefined ? {} : { budget_s: budgetS, stopped_by_budget: Boolean(stopped) }),
  }
}

/**
 * Seeds runs `from … to - 1` in chunks. With a budget, stops before a chunk that the rate so far
 * says would end after the budget; returns the chunks seeded.
 */
async function seed(
  client: TrackingClient,
  experimentId: string,
  from: number,
  to: number,
  budgetS?: number,
): Promise<{ chunks: SeedChunk[]; stopped: boolean }> {
  const chunks: SeedChunk[] = []
  let elapsed = 0
  let done = from
  const { chunk, seedConcurrency } = PLAN.search
  while (done < to) {
    const size = Math.min(chunk, to - done)
    if (budgetS !== undefined && chunks.length > 0) {
      const seeded = done - from
      const estimate = (elapsed / seeded) * size
      if (elapsed + estimate > budgetS * 1000) return { chunks, stopped: true }
    }
    const result = await seedRuns(client, experimentId, done, done + size, seedConcurrency)
    if (result.errors > 0)
      throw new Error(`seeding failed (${result.errors} errors): ${result.first_error}`)
    chunks.push(result)
    elapsed += result.wall_ms
    done += size
    if ((done - from) % 10_000 === 0 || done === to)
      log(`  seeded ${done} runs (${(elapsed / 1000).toFixed(0)} s)`)
  }
  return { chunks, stopped: false }
}

export async function benchServer(
  name: 'ours' | 'reference',
  running: Running,
  command: string,
  workers: number,
  searchRuns_: { runs?: number; budgetS?: number; dbPath?: string },
): Promise<ServerResult> {
  const client = new TrackingClient(running.url)
  const loadBefore = loadavg().map((value) => Math.round(value * 100) / 100)
  const serverVersion = await version(running.url)
  const cpu: Record<string, CpuUse> = {}
  log(`${name}: ${serverVersion}, ${workers} worker(s), up in ${running.startupMs} ms`)

  log(`${name}: ingestion (${PLAN.ingestion.requests} log-batch x ${PLAN.ingestion.batchSize})`)
  let meter = cpuMeter(running.child.pid!)
  const ingest = await ingestion(client, PLAN.ingestion)
  cpu.ingestion = meter()
  log(`  ${ingest.metrics_per_s} metrics/s, ${ingest.errors} errors`)

  log(
    `${name}: log-metric (${PLAN.logMetric.requests} at concurrency ${PLAN.logMetric.concurrency})`,
  )
  meter = cpuMeter(running.child.pid!)
  const single = await logMetric(client, PLAN.logMetric)
  cpu.log_metric = meter()
  log(`  ${single.requests_per_s} requests/s, ${single.errors} errors`)

  log(`${name}: metric history (${PLAN.history.points} points)`)
  meter = cpuMeter(running.child.pid!)
  const history = await metricHistory(client, PLAN.history)
  cpu.history_logging_and_reads = meter()
  log(
    `  logged in ${(history.logging_wall_ms / 1000).toFixed(1)} s; get-history p50 ${history.single_page.latency.p50_ms} ms, p95 ${history.single_page.latency.p95_ms} ms; paged p50 ${history.client_paging.latency.p50_ms} ms`,
  )

  const target = searchRuns_.runs ?? PLAN.search.targetRuns
  log(
    `${name}: seeding up to ${target} runs${searchRuns_.budgetS ? ` (budget ${searchRuns_.budgetS} s)` : ''}`,
  )
  const experimentId = await createExperiment(client, 'bench-search')
  const seeded = await seed(client, experimentId, 0, target, searchRuns_.budgetS)
  const seedResult = seedSummary(seeded.chunks, searchRuns_.budgetS, seeded.stopped)
  log(`  ${seedResult.runs} runs in ${(seedResult.wall_ms / 1000).toFixed(1)} s`)
  const searchOptions = {
    queries: PLAN.search.queries,
    warmup: PLAN.search.warmup,
    maxResults: PLAN.search_max_results,
  }
  const expected = (runs: number) => Math.min(PLAN.search_max_results, Math.floor(runs / 10))
  meter = cpuMeter(running.child.pid!)
  const search = await searchRuns(client, experimentId, {
    ...searchOptions,
    expectedRuns: expected(seedResult.runs),
  })
  cpu.search = meter()
  log(`  search p50 ${search.latency.p50_ms} ms, p95 ${search.latency.p95_ms} ms`)

  let searchFull: ServerResult['search_full']
  const fill = name === 'ours' || (searchRuns_.dbPath && process.env.BENCH_REF_FILL !== '0')
  if (fill && seedResult.runs < PLAN.search.targetRuns) {
    const target = PLAN.search.targetRuns
    let moreResult: SeedResult
    if (name === 'ours') {
      log(`${name}: seeding on to ${target} runs through the REST API`)
      moreResult = seedSummary((await seed(client, experimentId, seedResult.runs, target)).chunks)
    } else {
      log(`${name}: topping up to ${target} runs by inserting rows into its SQLite file`)
      const filled = fillReferenceRuns(searchRuns_.dbPath!, 'bench-search', seedResult.runs, target)
      moreResult = {
        runs: filled.runs,
        wall_ms: filled.wall_ms,
        runs_per_s: Math.round(filled.runs / (filled.wall_ms / 1000)),
        errors: 0,
      }
      log(`  ${filled.runs} runs in ${(filled.wall_ms / 1000).toFixed(1)} s`)
    }
    const full = await searchRuns(client, experimentId, {
      ...searchOptions,
      expectedRuns: expected(PLAN.search.targetRuns),
    })
    log(
      `  at ${PLAN.search.targetRuns} runs: p50 ${full.latency.p50_ms} ms, p95 ${full.latency.p95_ms} ms`,
    )
    searchFull = {
      method: name === 'ours' ? 'rest' : 'direct-sqlite',
      runs: seedResult.runs + moreResult.runs,
      seed: moreResult,
      search: full,
    }
  }
  return {
    server: name,
    version: serverVersion,
    command,
    workers,
    startup_ms: running.startupMs,
    loadavg_before: loadBefore,
    ingestion: ingest,
    log_metric: single,
    history,
    seed: seedResult,
    search,
    ...(searchFull ? { search_full: searchFull } : {}),
    cpu,
    request_retries: client.retries,
  }
}
