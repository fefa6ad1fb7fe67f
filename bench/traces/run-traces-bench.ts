/**
 * @module run-traces-bench
 * bench/traces: our tracking server's traces against the reference `mlflow server` (the pinned
 * version in .venv-mlflow), in one run on this machine, each on a fresh SQLite file in its own
 * temp folder, driven by the same TypeScript load generator.
 *
 *   npx tsx bench/traces/run-traces-bench.ts     # progress on stderr, one JSON line on stdout
 *
 * On each server (the reference first):
 *   1. OTLP ingestion  `POST /v1/traces`, protobuf bodies of 10 traces × 10 spans, concurrency 4,
 *                      after untimed warm-up requests in another experiment
 *   2. seeding         the same experiment on to BENCH_TRACES_SPANS spans (default 1,000,000)
 *                      through OTLP; the reference within BENCH_TRACES_SEED_BUDGET_S (180 s),
 *                      then topped up in its SQLite file (reference-fill.ts)
 *   3. search          `POST /api/3.0/mlflow/traces/search`, max_results 100: no filter, a tag
 *                      filter, a span name/type filter, a timestamp range; every answer checked
 *
 * Environment: BENCH_ONLY=ours|reference, BENCH_TRACES_SPANS, BENCH_TRACES_SEED_BUDGET_S,
 * BENCH_TRACES_QUERIES, BENCH_TRACES_INGEST_REQUESTS, BENCH_REF_WORKERS (pass --workers),
 * BENCH_KEEP=1 (keep the temp folders), BENCH_OUR_NODE_ARGS (node flags for our server, e.g.
 * `--trace-gc`), BENCH_SMOKE=1 (small sizes, to check the harness).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { type BenchMachine, benchMachine } from '../tracking/machine.ts'
import { startOurServer, startReferenceServer } from '../tracking/server-process.ts'
import { benchServer, type ServerResult } from './bench-server.ts'
import { PLAN, type TracesPlan } from './plan.ts'
import { log } from './progress.ts'

export type { SeedResult, ServerResult } from './bench-server.ts'

/** The JSON line the benchmark prints, the input of markdown.ts. */
export interface TracesBenchResult {
  date: string
  machine: BenchMachine
  plan: TracesPlan
  total_wall_s: number
  /** Uvicorn worker processes of the reference (counted in its log). */
  reference_workers?: number
  ours?: ServerResult
  reference?: ServerResult
}

/**
 * Runs the benchmark (both servers unless BENCH_ONLY says otherwise) and returns its result.
 *
 * @example
 * const result = await runTracesBench()
 * tracesBenchSection(result) // the BENCHMARKS.md section (markdown.ts)
 */
export async function runTracesBench(): Promise<TracesBenchResult> {
  const started = performance.now()
  const only = process.env.BENCH_ONLY
  const keep = process.env.BENCH_KEEP === '1'
  // The reference prices LLM spans with LiteLLM's cost map: the bundled copy, no download.
  process.env.LITELLM_LOCAL_MODEL_COST_MAP ??= 'True'
  const result: TracesBenchResult = {
    date: new Date().toISOString(),
    machine: benchMachine(),
    plan: PLAN,
    total_wall_s: 0,
  }
  const folders: string[] = []
  try {
    if (only !== 'ours') {
      const workdir = mkdtempSync(join(tmpdir(), 'bench-traces-ref-'))
      folders.push(workdir)
      const workers = process.env.BENCH_REF_WORKERS
      const { running, command } = await startReferenceServer(workdir, { workers })
      try {
        result.reference = await benchServer({
          name: 'reference',
          running,
          command,
          dbPath: join(workdir, 'ref.db'),
          seedBudgetS: PLAN.seed.budgetS,
        })
        const processes = readFileSync(running.logPath, 'utf8').match(/Started server process/g)
        result.reference_workers = processes?.length ?? Number(workers ?? 4)
      } finally {
        await running.stop()
        // Its files go before our pass: gigabytes of pages the kernel would otherwise keep.
        if (!keep) rmSync(workdir, { recursive: true, force: true })
      }
    }
    if (only !== 'reference') {
      const workdir = mkdtempSync(join(tmpdir(), 'bench-traces-ours-'))
      folders.push(workdir)
      const nodeArgs = process.env.BENCH_OUR_NODE_ARGS?.split(' ').filter(Boolean)
      const { running, command } = await startOurServer(workdir, nodeArgs ? { nodeArgs } : {})
      try {
        result.ours = await benchServer({
          name: 'ours',
          running,
          command,
          dbPath: join(workdir, 'ours.db'),
        })
      } finally {
        await running.stop()
      }
    }
  } finally {
    if (!keep) for (const folder of folders) rmSync(folder, { recursive: true, force: true })
    else log(`kept ${folders.join(', ')}`)
  }
  result.total_wall_s = Math.round((performance.now() - started) / 100) / 10
  return result
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await runTracesBench()
  process.stdout.write(`${JSON.stringify(result)}\n`)
}
