/**
 * bench/tracking: our tracking server against the reference `mlflow server` (PyPI, the pinned
 * version in .venv-mlflow), in one run on this machine, each on a fresh SQLite file in its own
 * temp folder, driven by the same load generator (load-generator.ts).
 *
 *   npx tsx bench/tracking/run-tracking-bench.ts      # progress on stderr, one JSON line on stdout
 *
 * Phases, in this order on each server (the reference first: it sets the search size):
 *   1. ingestion      log-batch, 1,000 metrics a request, 200 requests, concurrency 4
 *   2. log-metric     3,000 single log-metric requests, concurrency 16
 *   3. history        100,000 points of one metric (log-batch), get-history read back 20 times
 *   4. search         seed runs (create-run + log-batch params), then 50 runs/search queries
 *                     with `params.model = 'm3'`, max_results 100
 * Seeding through the reference's REST API is slow, so the reference gets a time budget
 * (BENCH_SEED_BUDGET_S, 360 s): it is seeded in chunks of 1,000 runs while the next chunk fits,
 * and ours is then seeded to exactly the same count: that is the headline search comparison.
 * Then both are topped up to 100,000 runs and searched again: ours through its REST API, the
 * reference by copying its REST-made rows straight into its SQLite file (reference-fill.ts),
 * a second, clearly labelled comparison at the acceptance's size.
 *
 * Environment: BENCH_ONLY=ours|reference (one side; ours then uses BENCH_SEARCH_RUNS, default
 * 100000), BENCH_SEED_BUDGET_S, BENCH_REF_FILL=0 (no direct top-up of the reference),
 * BENCH_REF_WORKERS (pass --workers; default: mlflow's own default), BENCH_OURS_CPU_PROF=<dir>
 * (run our server with --cpu-prof into that folder), BENCH_KEEP=1 (keep the temp folders),
 * BENCH_SMOKE=1 (tiny counts, to check the harness).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { benchServer, type ServerResult } from './bench-server.ts'
import { type BenchMachine, benchMachine } from './machine.ts'
import { PLAN } from './plan.ts'
import { log, startOurServer, startReferenceServer } from './server-process.ts'

export type { CpuUse } from './cpu-meter.ts'
export type { SeedResult, ServerResult } from './bench-server.ts'
export { PLAN } from './plan.ts'

export interface TrackingBenchResult {
  date: string
  machine: BenchMachine
  plan: typeof PLAN
  search_runs: number
  search_runs_reduced: boolean
  seed_budget_s: number
  total_wall_s: number
  ours?: ServerResult
  reference?: ServerResult
}

async function main(): Promise<void> {
  const started = performance.now()
  const only = process.env.BENCH_ONLY
  const budgetS = Number(process.env.BENCH_SEED_BUDGET_S ?? 360)
  const keep = process.env.BENCH_KEEP === '1'
  const result: TrackingBenchResult = {
    date: new Date().toISOString(),
    machine: benchMachine(),
    plan: PLAN,
    search_runs: 0,
    search_runs_reduced: false,
    seed_budget_s: budgetS,
    total_wall_s: 0,
  }
  const folders: string[] = []

  let searchRunCount = Number(process.env.BENCH_SEARCH_RUNS ?? PLAN.search.targetRuns)
  if (only !== 'ours') {
    const workdir = mkdtempSync(join(tmpdir(), 'bench-tracking-ref-'))
    folders.push(workdir)
    const workers = process.env.BENCH_REF_WORKERS
    const { running, command } = await startReferenceServer(workdir, { workers })
    try {
      const configured = Number(workers ?? 4)
      result.reference = await benchServer('reference', running, command, configured, {
        budgetS,
        dbPath: join(workdir, 'ref.db'),
      })
      // uvicorn logs one "Started server process" per worker; by now all of them have started.
      const started = readFileSync(running.logPath, 'utf8').match(/Started server process/g)
      result.reference.workers = started?.length || configured
      searchRunCount = result.reference.seed.runs
    } finally {
      await running.stop()
    }
  }

  if (only !== 'reference') {
    const workdir = mkdtempSync(join(tmpdir(), 'bench-tracking-ours-'))
    folders.push(workdir)
    const cpuProfileDir = process.env.BENCH_OURS_CPU_PROF
    const { running, command } = await startOurServer(workdir, { cpuProfileDir })
    try {
      result.ours = await benchServer('ours', running, command, 1, { runs: searchRunCount })
    } finally {
      await running.stop()
    }
  }

  result.search_runs = searchRunCount
  result.search_runs_reduced = searchRunCount < PLAN.search.targetRuns
  result.total_wall_s = Math.round((performance.now() - started) / 100) / 10
  if (!keep) for (const folder of folders) rmSync(folder, { recursive: true, force: true })
  else log(`kept ${folders.join(', ')}`)
  process.stdout.write(`${JSON.stringify(result)}\n`)
}

await main()
