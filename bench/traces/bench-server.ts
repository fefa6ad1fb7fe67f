/**
 * @module bench-server
 * One server's pass of bench/traces: warm-up, timed OTLP ingestion, seeding the experiment to
 * the target trace count (the reference through OTLP within a time budget, then topped up in its
 * SQLite file; ours through OTLP all the way), a row count from the SQLite file, and the search
 * cases.
 */
import { loadavg } from 'node:os'
import Database from 'better-sqlite3'
import { type CpuUse, cpuMeter } from '../tracking/cpu-meter.ts'
import { createExperiment, TrackingClient } from '../tracking/http-client.ts'
import { type Running, version } from '../tracking/server-process.ts'
import { type OtlpLoadResult, otlpBodies, sendTraces } from './otlp-load.ts'
import { PLAN } from './plan.ts'
import { log } from './progress.ts'
import { type FillResult, fillReferenceTraces } from './reference-fill.ts'
import type { SearchCaseResult } from './search-phase.ts'
import { searchInChildProcess } from './search-process.ts'
import { settle } from './settle.ts'

/** Trace indexes of the warm-up traces (their own experiment, ids apart from the seeded ones). */
const WARMUP_OFFSET = 500_000_000

/** OTLP seeding of the searched experiment after the timed ingestion. */
export interface SeedResult {
  traces: number
  spans: number
  wall_ms: number
  spans_per_s: number
  requests: number
  errors: number
  first_error?: string
  budget_s?: number
  stopped_by_budget?: boolean
}

export interface ServerResult {
  server: 'ours' | 'reference'
  version: string
  command: string
  startup_ms: number
  loadavg_before: number[]
  ingestion: OtlpLoadResult
  seed: SeedResult
  /** The reference's top-up in its SQLite file (see reference-fill.ts). */
  fill?: FillResult
  /** Rows of the searched experiment, counted in the SQLite file before searching. */
  rows: { traces: number; spans: number }
  search: SearchCaseResult[]
  cpu: Record<string, CpuUse>
  request_retries: number
}

export interface BenchServerOptions {
  name: 'ours' | 'reference'
  running: Running
  command: string
  dbPath: string
  /** Only the reference: stop OTLP seeding when the next chunk would end after this. */
  seedBudgetS?: number
}

function countRows(dbPath: string, experimentId: string) {
  const db = new Database(dbPath, { readonly: true })
  try {
    db.pragma('busy_timeout = 30000')
    const count = (table: string) =>
      Number(
        (
          db
            .prepare(`SELECT count(*) AS n FROM ${table} WHERE experiment_id = ?`)
            .get(Number(experimentId)) as { n: number }
        ).n,
      )
    return { traces: count('trace_info'), spans: count('spans') }
  } finally {
    db.close()
  }
}

async function seed(options: BenchServerOptions, experimentId: string, from: number) {
  const { chunkTraces, tracesPerRequest, concurrency } = PLAN.seed
  const budgetMs = options.seedBudgetS === undefined ? undefined : options.seedBudgetS * 1000
  let done = from
  let wall = 0
  let requests = 0
  let errors = 0
  let firstError: string | undefined
  let stopped = false
  while (done < PLAN.targetTraces) {
    const size = Math.min(chunkTraces, PLAN.targetTraces - done)
    if (budgetMs !== undefined && done > from && wall + (wall / (done - from)) * size > budgetMs) {
      stopped = true
      break
    }
    const chunk = await sendTraces({
      baseUrl: options.running.url,
      experimentId,
      from: done,
      to: done + size,
      tracesPerRequest,
      concurrency,
    })
    wall += chunk.wall_ms
    requests += chunk.requests
    errors += chunk.errors
    firstError ??= chunk.first_error
    if (chunk.errors > 0) throw new Error(`seeding failed (${chunk.errors} errors): ${firstError}`)
    done += size
    if ((done - from) % (chunkTraces * 10) === 0 || done === PLAN.targetTraces)
      log(`  seeded ${done} traces (${(wall / 1000).toFixed(0)} s)`)
  }
  const traces = done - from
  const result: SeedResult = {
    traces,
    spans: traces * PLAN.spansPerTrace,
    wall_ms: Math.round(wall),
    spans_per_s: wall > 0 ? Math.round((traces * PLAN.spansPerTrace) / (wall / 1000)) : 0,
    requests,
    errors,
    ...(firstError === undefined ? {} : { first_error: firstError }),
    ...(options.seedBudgetS === undefined
      ? {}
      : { budget_s: options.seedBudgetS, stopped_by_budget: stopped }),
  }
  return result
}

/**
 * Runs the whole pass on one started server.
 *
 * @example
 * const result = await benchServer({ name: 'ours', running, command, dbPath })
 * result.ingestion.spans_per_s
 */
export async function benchServer(options: BenchServerOptions): Promise<ServerResult> {
  const { name, running } = options
  const client = new TrackingClient(running.url)
  const loadBefore = loadavg().map((value) => Math.round(value * 100) / 100)
  const serverVersion = await version(running.url)
  const cpu: Record<string, CpuUse> = {}
  log(`${name}: ${serverVersion}, up in ${running.startupMs} ms`)
  await settle(PLAN.settleMs)
  const warmupExperiment = await createExperiment(client, 'bench-traces-warmup')
  const experimentId = await createExperiment(client, 'bench-traces')

  const { warmupRequests, requests, tracesPerRequest, concurrency } = PLAN.ingestion
  const warmup = await sendTraces({
    baseUrl: running.url,
    experimentId: warmupExperiment,
    from: WARMUP_OFFSET,
    to: WARMUP_OFFSET + warmupRequests * tracesPerRequest,
    tracesPerRequest,
    concurrency,
  })
  if (warmup.errors > 0) log(`  warm-up: ${warmup.errors} errors: ${warmup.first_error}`)

  log(`${name}: OTLP ingestion (${requests} requests × ${tracesPerRequest} traces)`)
  const timed = { from: 0, to: requests * tracesPerRequest, tracesPerRequest }
  const bodies = otlpBodies(timed)
  let meter = cpuMeter(running.child.pid!)
  const ingestion = await sendTraces({
    ...timed,
    baseUrl: running.url,
    experimentId,
    concurrency,
    bodies,
  })
  cpu.ingestion = meter()
  log(`  ${ingestion.spans_per_s} spans/s, ${ingestion.errors} errors`)
  if (ingestion.errors > 0)
    throw new Error(`${name}: OTLP ingestion failed: ${ingestion.first_error}`)

  log(
    `${name}: seeding to ${PLAN.targetTraces} traces through OTLP${options.seedBudgetS === undefined ? '' : ` (budget ${options.seedBudgetS} s)`}`,
  )
  meter = cpuMeter(running.child.pid!)
  const seeded = await seed(options, experimentId, ingestion.traces)
  cpu.seed = meter()
  log(`  ${seeded.traces} traces in ${(seeded.wall_ms / 1000).toFixed(1)} s`)

  let fill: FillResult | undefined
  const written = ingestion.traces + seeded.traces
  if (written < PLAN.targetTraces) {
    if (name !== 'reference') throw new Error(`${name}: seeded ${written} traces only`)
    log(`${name}: topping up to ${PLAN.targetTraces} traces in its SQLite file`)
    fill = fillReferenceTraces({
      dbPath: options.dbPath,
      experimentId,
      from: written,
      to: PLAN.targetTraces,
    })
    log(`  ${fill.traces} traces in ${(fill.wall_ms / 1000).toFixed(1)} s`)
  }
  const rows = countRows(options.dbPath, experimentId)
  log(`  ${rows.traces} traces, ${rows.spans} spans in the experiment`)

  await settle(PLAN.settleMs)
  log(`${name}: search_traces (${PLAN.search.queries} queries per case)`)
  meter = cpuMeter(running.child.pid!)
  const search = await searchInChildProcess({
    baseUrl: running.url,
    experimentId,
    traces: PLAN.targetTraces,
    maxResults: PLAN.search.maxResults,
    queries: PLAN.search.queries,
    warmup: PLAN.search.warmup,
    clientWarmup: PLAN.search.clientWarmup,
    timeoutMs: PLAN.search.timeoutS * 1000,
  })
  cpu.search = meter()
  for (const result of search)
    log(
      `  ${result.name}: p50 ${result.latency.p50_ms} ms, p95 ${result.latency.p95_ms} ms, ${result.errors} errors${result.first_error ? ` (${result.first_error})` : ''}${result.timed_out_after_ms ? `, abandoned a query after ${result.timed_out_after_ms} ms` : ''}`,
    )
  return {
    server: name,
    version: serverVersion,
    command: options.command,
    startup_ms: running.startupMs,
    loadavg_before: loadBefore,
    ingestion,
    seed: seeded,
    ...(fill ? { fill } : {}),
    rows,
    search,
    cpu,
    request_retries: client.retries,
  }
}
