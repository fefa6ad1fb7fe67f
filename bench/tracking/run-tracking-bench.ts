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
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs'
import { createServer } from 'node:net'
import { cpus, loadavg, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { fillReferenceRuns } from './reference-fill.ts'
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

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const venv = join(root, '.venv-mlflow')

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

export interface CpuUse {
  wall_ms: number
  server_cpu_ms: number
  client_cpu_ms: number
}

const clockTicks = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
  } catch {
    return 100
  }
})()

/** utime + stime (with waited-for children) of `rootPid` and its live descendants, in ms. */
function treeCpuMs(rootPid: number): number {
  const stats = new Map<number, { ppid: number; ticks: number }>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const text = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ')
      const ticks = fields.slice(11, 15).reduce((sum, field) => sum + Number(field), 0)
      stats.set(Number(entry), { ppid: Number(fields[1]), ticks })
    } catch {}
  }
  const tree = new Set([rootPid])
  for (let grown = true; grown; ) {
    grown = false
    for (const [pid, stat] of stats)
      if (!tree.has(pid) && tree.has(stat.ppid)) {
        tree.add(pid)
        grown = true
      }
  }
  let ticks = 0
  for (const pid of tree) ticks += stats.get(pid)?.ticks ?? 0
  return (ticks * 1000) / clockTicks
}

/** Starts measuring; the returned function gives the CPU used since. */
function cpuMeter(serverPid: number): () => CpuUse {
  const start = performance.now()
  const server = treeCpuMs(serverPid)
  const client = process.cpuUsage()
  return () => {
    const used = process.cpuUsage(client)
    return {
      wall_ms: Math.round(performance.now() - start),
      server_cpu_ms: Math.round(treeCpuMs(serverPid) - server),
      client_cpu_ms: Math.round((used.user + used.system) / 1000),
    }
  }
}

export interface TrackingBenchResult {
  date: string
  machine: { cores: number; cpu: string; node: string; python?: string; platform: string }
  plan: typeof PLAN
  search_runs: number
  search_runs_reduced: boolean
  seed_budget_s: number
  total_wall_s: number
  ours?: ServerResult
  reference?: ServerResult
}

const log = (message: string) => process.stderr.write(`[bench/tracking] ${message}\n`)

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

interface Running {
  url: string
  child: ChildProcess
  logPath: string
  startupMs: number
  stop(): Promise<void>
}

function serverEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra }
  for (const name of [
    'MLFLOW_TRACKING_URI',
    'MLFLOW_EXPERIMENT_ID',
    'MLFLOW_RUN_ID',
    'NODE_OPTIONS',
  ])
    delete env[name]
  return env
}

/** Starts a server in its own process group, logs to a file, waits for /health. */
async function startServer(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  workdir: string,
  port: number,
): Promise<Running> {
  const logPath = join(workdir, 'server.log')
  const out = openSync(logPath, 'w')
  const start = performance.now()
  const child = spawn(command, args, {
    cwd: root,
    env,
    detached: true,
    stdio: ['ignore', out, out],
  })
  closeSync(out)
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const url = `http://127.0.0.1:${port}`
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    try {
      process.kill(-child.pid!, 'SIGTERM')
    } catch {}
    const timeout = new Promise<'timeout'>((resolve) =>
      setTimeout(() => resolve('timeout'), 15_000),
    )
    await Promise.race([exited, timeout])
    try {
      process.kill(-child.pid!, 'SIGKILL') // workers that outlived their parent
    } catch {}
  }
  const deadline = Date.now() + 120_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`${command} exited with ${child.exitCode}:\n${tail(logPath)}`)
    try {
      const response = await fetch(`${url}/health`)
      await response.text()
      if (response.status === 200)
        return { url, child, logPath, startupMs: Math.round(performance.now() - start), stop }
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  await stop()
  throw new Error(`${command} did not answer /health in 120 s:\n${tail(logPath)}`)
}

function tail(path: string): string {
  return existsSync(path) ? readFileSync(path, 'utf8').slice(-3000) : '(no log)'
}

async function version(url: string): Promise<string> {
  const response = await fetch(`${url}/version`)
  return (await response.text()).trim()
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

async function benchServer(
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

function pythonVersion(): string | undefined {
  try {
    return execFileSync(join(venv, 'bin', 'python'), ['--version'], { encoding: 'utf8' }).trim()
  } catch {
    return undefined
  }
}

async function main(): Promise<void> {
  const started = performance.now()
  const only = process.env.BENCH_ONLY
  const budgetS = Number(process.env.BENCH_SEED_BUDGET_S ?? 360)
  const keep = process.env.BENCH_KEEP === '1'
  const result: TrackingBenchResult = {
    date: new Date().toISOString(),
    machine: {
      cores: cpus().length,
      cpu: cpus()[0]?.model ?? 'unknown',
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
    },
    plan: PLAN,
    search_runs: 0,
    search_runs_reduced: false,
    seed_budget_s: budgetS,
    total_wall_s: 0,
  }
  const python = pythonVersion()
  if (python) result.machine.python = python
  const folders: string[] = []

  let searchRunCount = Number(process.env.BENCH_SEARCH_RUNS ?? PLAN.search.targetRuns)
  if (only !== 'ours') {
    const mlflow = join(venv, 'bin', 'mlflow')
    if (!existsSync(mlflow))
      throw new Error(`${mlflow} missing: pip install -r conformance/mlflow/requirements.txt`)
    const workdir = mkdtempSync(join(tmpdir(), 'bench-tracking-ref-'))
    folders.push(workdir)
    const port = await freePort()
    const args = [
      'server',
      '--backend-store-uri',
      `sqlite:///${join(workdir, 'ref.db')}`,
      '--artifacts-destination',
      join(workdir, 'ref-artifacts'),
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      ...(process.env.BENCH_REF_WORKERS ? ['--workers', process.env.BENCH_REF_WORKERS] : []),
    ]
    log(`reference: starting mlflow server in ${workdir}`)
    const env = serverEnv({
      MLFLOW_DISABLE_TELEMETRY: 'true',
      DO_NOT_TRACK: 'true',
      MLFLOW_SERVER_ENABLE_JOB_EXECUTION: 'false',
      PYTHONUNBUFFERED: '1',
    })
    const running = await startServer(mlflow, args, env, workdir, port)
    try {
      const configured = Number(process.env.BENCH_REF_WORKERS ?? 4)
      result.reference = await benchServer(
        'reference',
        running,
        `mlflow ${args.join(' ')}`,
        configured,
        { budgetS, dbPath: join(workdir, 'ref.db') },
      )
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
    const port = await freePort()
    const args = [
      join('packages', 'server', 'bin', 'dspyflow.mjs'),
      'server',
      '--backend-store-uri',
      `sqlite:///${join(workdir, 'ours.db')}`,
      '--artifacts-destination',
      join(workdir, 'ours-artifacts'),
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
    ]
    const profileDir = process.env.BENCH_OURS_CPU_PROF
    const nodeArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []
    log(`ours: starting in ${workdir}`)
    const running = await startServer(
      process.execPath,
      [...nodeArgs, ...args],
      serverEnv({}),
      workdir,
      port,
    )
    try {
      result.ours = await benchServer('ours', running, `node ${args.join(' ')}`, 1, {
        runs: searchRunCount,
      })
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
