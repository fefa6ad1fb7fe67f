/**
 * The BENCHMARKS.md section of bench/tracking, from the JSON line run-tracking-bench.ts prints.
 */
import type { ServerResult, TrackingBenchResult } from './run-tracking-bench.ts'

export type { TrackingBenchResult } from './run-tracking-bench.ts'

const TARGET = 10

const count = (value: number) => value.toLocaleString('en-US')
const ms = (value: number | undefined) =>
  value === undefined || Number.isNaN(value)
    ? '—'
    : value >= 100
      ? `${value.toFixed(0)} ms`
      : `${value.toFixed(1)} ms`

/** How many times better ours is: a larger rate, or a smaller latency. */
function ratio(ours: number | undefined, reference: number | undefined, higherIsBetter: boolean) {
  if (ours === undefined || reference === undefined || ours <= 0 || reference <= 0) return undefined
  return higherIsBetter ? ours / reference : reference / ours
}

const showRatio = (value: number | undefined, bold = false) =>
  value === undefined ? '—' : bold ? `**${value.toFixed(1)}x**` : `${value.toFixed(1)}x`

const verdict = (value: number | undefined) =>
  value === undefined ? '—' : value >= TARGET ? `≥ ${TARGET}x: met` : `≥ ${TARGET}x: **missed**`

interface Row {
  label: string
  value: (server: ServerResult) => number | undefined
  show: (value: number) => string
  higherIsBetter: boolean
  target?: boolean
}

export function trackingBenchSection(result: TrackingBenchResult): string {
  const { ours, reference, plan } = result
  const n = count(result.search_runs)
  const rows: Row[] = [
    {
      label: `log-batch ingestion, metrics/s (${plan.ingestion.requests} requests × ${count(plan.ingestion.batchSize)} metrics, concurrency ${plan.ingestion.concurrency})`,
      value: (s) => s.ingestion.metrics_per_s,
      show: (v) => count(Math.round(v)),
      higherIsBetter: true,
      target: true,
    },
    {
      label: `single log-metric, requests/s (${count(plan.logMetric.requests)} requests, concurrency ${plan.logMetric.concurrency})`,
      value: (s) => s.log_metric.requests_per_s,
      show: (v) => count(Math.round(v)),
      higherIsBetter: true,
    },
    {
      label: `search_runs over ${n} runs, \`params.model = 'm3'\`, max_results ${plan.search_max_results}: p50`,
      value: (s) => s.search.latency.p50_ms,
      show: ms,
      higherIsBetter: false,
      target: true,
    },
    {
      label: `search_runs over ${n} runs: p95`,
      value: (s) => s.search.latency.p95_ms,
      show: ms,
      higherIsBetter: false,
      target: true,
    },
    ...(ours?.search_full && reference?.search_full
      ? [
          {
            label: `search_runs over ${count(ours.search_full.runs)} runs (reference topped up in SQLite, see notes): p50`,
            value: (s: ServerResult) => s.search_full?.search.latency.p50_ms,
            show: ms,
            higherIsBetter: false,
            target: true,
          },
          {
            label: `search_runs over ${count(ours.search_full.runs)} runs (same): p95`,
            value: (s: ServerResult) => s.search_full?.search.latency.p95_ms,
            show: ms,
            higherIsBetter: false,
            target: true,
          },
        ]
      : []),
    {
      label: `get-metric-history, ${count(plan.history.points)} points in one page: p50`,
      value: (s) => s.history.single_page.latency.p50_ms,
      show: ms,
      higherIsBetter: false,
    },
    {
      label: `get-metric-history, ${count(plan.history.points)} points in one page: p95`,
      value: (s) => s.history.single_page.latency.p95_ms,
      show: ms,
      higherIsBetter: false,
    },
    {
      label: `get-metric-history as the Python client reads it (25,000 a page, all pages): p50`,
      value: (s) => s.history.client_paging.latency.p50_ms,
      show: ms,
      higherIsBetter: false,
    },
  ]
  const table = rows.map((row) => {
    const o = ours ? row.value(ours) : undefined
    const r = reference ? row.value(reference) : undefined
    const x = ratio(o, r, row.higherIsBetter)
    return `| ${row.label} | ${o === undefined ? '—' : row.show(o)} | ${r === undefined ? '—' : row.show(r)} | ${showRatio(x, row.target)} | ${row.target ? verdict(x) : ''} |`
  })

  const latencyRow = (
    label: string,
    pick: (s: ServerResult) => { p50_ms: number; p95_ms: number },
  ) =>
    `| ${label} | ${ours ? `${ms(pick(ours).p50_ms)} / ${ms(pick(ours).p95_ms)}` : '—'} | ${reference ? `${ms(pick(reference).p50_ms)} / ${ms(pick(reference).p95_ms)}` : '—'} |`
  const seedRate = (s: ServerResult | undefined) =>
    s
      ? `${count(s.seed.runs)} runs in ${(s.seed.wall_ms / 1000).toFixed(0)} s (${s.seed.runs_per_s.toFixed(0)} runs/s)`
      : '—'
  const cpuPer = (s: ServerResult | undefined, phase: string, units: number) => {
    const use = s?.cpu?.[phase]
    return use ? ms(use.server_cpu_ms / units) : '—'
  }
  const busy = (s: ServerResult | undefined, phase: string) => {
    const use = s?.cpu?.[phase]
    return use ? (use.server_cpu_ms / use.wall_ms).toFixed(2) : '—'
  }
  const clientBusy = (s: ServerResult | undefined, phase: string) => {
    const use = s?.cpu?.[phase]
    return use ? (use.client_cpu_ms / use.wall_ms).toFixed(2) : '—'
  }
  const errors = (s: ServerResult | undefined) =>
    s
      ? s.ingestion.errors +
        s.log_metric.errors +
        s.search.errors +
        s.history.single_page.errors +
        s.seed.errors
      : 0

  const notes: string[] = []
  if (result.search_runs_reduced)
    notes.push(
      `- **search ran over ${n} runs, not ${count(plan.search.targetRuns)}.** Seeding goes through the REST API (create-run, then log-batch with the params) and the reference seeds at ${reference ? reference.seed.runs_per_s.toFixed(0) : '?'} runs/s here, so it got a ${result.seed_budget_s} s budget (chunks of ${count(plan.search.chunk)} runs while the next one fits) and ours was seeded to exactly the same count: both sides are compared on the same size.`,
    )
  if (ours?.search_full && reference?.search_full)
    notes.push(
      `- The ${count(ours.search_full.runs)}-run search rows: after the compared search, ours was seeded on through its REST API (${count(ours.search_full.seed.runs)} more runs at ${ours.search_full.seed.runs_per_s.toFixed(0)} runs/s); the reference's experiment was topped up by copying the rows its REST API wrote for run 0 (\`runs\` row, tags) straight into its SQLite file in one transaction, with the same names, start times and params as the REST seeding would give (${count(reference.search_full.seed.runs)} runs in ${(reference.search_full.seed.wall_ms / 1000).toFixed(1)} s; \`bench/tracking/reference-fill.ts\`). Same content, not the same path: the bulk-inserted B-trees are if anything more compact than REST-grown ones.`,
    )
  else if (ours?.search_full)
    notes.push(
      `- Ours alone, seeded on to ${count(ours.search_full.runs)} runs (${count(ours.search_full.seed.runs)} more at ${ours.search_full.seed.runs_per_s.toFixed(0)} runs/s): search p50 ${ms(ours.search_full.search.latency.p50_ms)}, p95 ${ms(ours.search_full.search.latency.p95_ms)}. No reference figure at that size.`,
    )
  if (reference)
    notes.push(
      `- Reference: \`mlflow server\` ${reference.version}, ${reference.command.includes('--workers') ? 'with an explicit `--workers`' : 'with its default configuration'}: ${reference.workers} uvicorn worker processes (its \`--workers\` default is 4, not 1), telemetry and the job runner off (\`MLFLOW_SERVER_ENABLE_JOB_EXECUTION=false\`). Ours: one Node.js process (${result.machine.node}); \`--workers\` is accepted and ignored.`,
    )
  notes.push(
    `- Both servers, the load generator and anything else running on the machine share the ${result.machine.cores} cores; load average before each side: ours ${ours?.loadavg_before.join(' / ') ?? '—'}, reference ${reference?.loadavg_before.join(' / ') ?? '—'}. The reference is run first; fresh temp folders and SQLite files for each.`,
    `- Request errors: ours ${errors(ours)}, reference ${errors(reference)}. Every search answer is checked (${plan.search_max_results} runs, all with \`model = m3\`), every history read returns all ${count(plan.history.points)} points.`,
    '- For tuning between full runs: `bench/tracking/focus.ts` measures one server (ingestion, search, optionally the other phases) with its CPU time per request, and can run an earlier copy of the repository (`FOCUS_CHECKOUT`) for before/after figures under the same load.',
    `- get-metric-history: the reference pages only when \`max_results\` is given (3.17 reads an absent value as "everything" and sets no upper bound); with \`max_results\` = ${count(plan.history.points)} both answer in one page. The Python client always asks for 25,000 a page and follows \`next_page_token\` (${reference?.history.client_paging.pages ?? ours?.history.client_paging.pages ?? '?'} requests here, each a LIMIT/OFFSET query on the reference).`,
  )

  return [
    '## tracking',
    '',
    'Our tracking server against the reference `mlflow server` from PyPI, in one run on this machine,',
    'each on a fresh SQLite file, driven by the same TypeScript load generator (`fetch` with keep-alive,',
    'bounded concurrency, fixed request counts; `bench/tracking/`). Targets: at least 10x the reference',
    'on ingestion and on search.',
    '',
    '| measure | ours | reference | ours vs reference | target |',
    '| --- | --- | --- | --- | --- |',
    ...table,
    '',
    'Per-request latency (p50 / p95) and seeding:',
    '',
    '| | ours | reference |',
    '| --- | --- | --- |',
    latencyRow('log-batch, 1,000 metrics', (s) => s.ingestion.latency),
    latencyRow('log-metric', (s) => s.log_metric.latency),
    latencyRow('get-history, 25,000 a page (whole read)', (s) => s.history.client_paging.latency),
    `| seeding the search runs | ${seedRate(ours)} | ${seedRate(reference)} |`,
    `| server CPU per 1,000 metrics ingested (log-batch phase) | ${cpuPer(ours, 'ingestion', plan.ingestion.requests)} | ${cpuPer(reference, 'ingestion', plan.ingestion.requests)} |`,
    `| server CPU per log-metric request | ${cpuPer(ours, 'log_metric', plan.logMetric.requests)} | ${cpuPer(reference, 'log_metric', plan.logMetric.requests)} |`,
    `| server CPU per search (${n} runs, warm-up included) | ${cpuPer(ours, 'search', plan.search.queries + plan.search.warmup)} | ${cpuPer(reference, 'search', plan.search.queries + plan.search.warmup)} |`,
    `| server CPU / wall time, log-batch phase (cores busy) | ${busy(ours, 'ingestion')} | ${busy(reference, 'ingestion')} |`,
    `| load generator CPU / wall time, log-batch phase | ${clientBusy(ours, 'ingestion')} | ${clientBusy(reference, 'ingestion')} |`,
    `| start-up to first /health | ${ours ? `${count(ours.startup_ms)} ms` : '—'} | ${reference ? `${count(reference.startup_ms)} ms` : '—'} |`,
    '',
    ...notes,
    `- Whole run: ${(result.total_wall_s / 60).toFixed(1)} min (${result.date.slice(0, 16).replace('T', ' ')} UTC).`,
    '',
  ].join('\n')
}
