/**
 * @module markdown
 * The BENCHMARKS.md section of bench/traces (`## traces`), from the result run-traces-bench.ts
 * returns (and prints as one JSON line).
 */
import type { SearchCaseResult } from './search-phase.ts'
import type { ServerResult, TracesBenchResult } from './run-traces-bench.ts'

export type { TracesBenchResult } from './run-traces-bench.ts'

const TARGET = 10

const count = (value: number) => Math.round(value).toLocaleString('en-US')
const ms = (value: number | undefined) =>
  value === undefined || Number.isNaN(value)
    ? '—'
    : value >= 100
      ? `${count(value)} ms`
      : `${value.toFixed(1)} ms`
const seconds = (valueMs: number) => `${(valueMs / 1000).toFixed(valueMs >= 10_000 ? 0 : 1)} s`

/** A figure of one side: a value, or a lower bound when the query was abandoned. */
interface Figure {
  value: number
  atLeast?: boolean
}

function ratio(ours: Figure | undefined, reference: Figure | undefined, higherIsBetter: boolean) {
  if (!ours || !reference || ours.value <= 0 || reference.value <= 0) return undefined
  if (ours.atLeast) return undefined
  const value = higherIsBetter ? ours.value / reference.value : reference.value / ours.value
  return { value, atLeast: Boolean(reference.atLeast) }
}

const showRatio = (x: { value: number; atLeast: boolean } | undefined) =>
  x === undefined
    ? '—'
    : `**${x.atLeast ? '> ' : ''}${x.value >= 100 ? count(x.value) : x.value.toFixed(1)}x**`

const verdict = (x: { value: number } | undefined) =>
  x === undefined ? '—' : x.value >= TARGET ? `≥ ${TARGET}x: met` : `≥ ${TARGET}x: **missed**`

function searchFigure(server: ServerResult | undefined, name: string, pick: 'p50_ms' | 'p95_ms') {
  const result = server?.search.find((entry) => entry.name === name)
  if (!result) return undefined
  if (result.timed_out_after_ms !== undefined && result.queries < 2)
    return { value: result.timed_out_after_ms, atLeast: true }
  const value = result.latency[pick]
  return Number.isFinite(value) ? { value } : undefined
}

const showSearch = (figure: Figure | undefined) =>
  figure === undefined
    ? '—'
    : figure.atLeast
      ? `> ${seconds(figure.value)} (abandoned)`
      : ms(figure.value)

function searchRows(result: TracesBenchResult): string[] {
  const { ours, reference } = result
  const cases: SearchCaseResult[] = (ours ?? reference)?.search ?? []
  return cases.flatMap((entry) =>
    (['p50_ms', 'p95_ms'] as const).map((pick) => {
      const o = searchFigure(ours, entry.name, pick)
      const r = searchFigure(reference, entry.name, pick)
      const x = ratio(o, r, false)
      return `| search, ${entry.label}: ${pick.slice(0, 3)} | ${showSearch(o)} | ${showSearch(r)} | ${showRatio(x)} | ${verdict(x)} |`
    }),
  )
}

function cpuPer(server: ServerResult | undefined, phase: string, units: number) {
  const use = server?.cpu[phase]
  return use ? ms(use.server_cpu_ms / units) : '—'
}

function busy(server: ServerResult | undefined, phase: string, who: 'server' | 'client') {
  const use = server?.cpu[phase]
  if (!use) return '—'
  return ((who === 'server' ? use.server_cpu_ms : use.client_cpu_ms) / use.wall_ms).toFixed(2)
}

const both = (result: TracesBenchResult, show: (server: ServerResult) => string) =>
  `${result.ours ? show(result.ours) : '—'} | ${result.reference ? show(result.reference) : '—'}`

function searchErrors(server: ServerResult) {
  return server.search.reduce((sum, entry) => sum + entry.errors, 0)
}

function notes(result: TracesBenchResult): string[] {
  const { ours, reference, plan } = result
  const spans = count(plan.targetTraces * plan.spansPerTrace)
  const lines = [
    `- Data: ${count(plan.targetTraces)} traces of ${plan.spansPerTrace} spans in one experiment, each an agent run: a CHAIN root, 4 LLM spans (\`mlflow.chat.tokenUsage\`, model, provider) each followed by a TOOL span (20 tool names), a CHAIN \`format_answer\`; \`mlflow.spanInputs\` / \`mlflow.spanOutputs\` are JSON text of 100–600 bytes, every span carries \`mlflow.traceRequestId\` and \`mlflow.spanType\`, the root two trace tags as \`mlflow.traceTag.<key>\` attributes (how MLflow's span processor exports them). Traces start 1 s apart. Both servers get byte-identical OTLP bodies (\`bench/traces/trace-factory.ts\`, encoded by our \`encodeExportRequestProto\`).`,
    `- Ingestion is timed on the fresh experiment after ${plan.ingestion.warmupRequests} untimed requests into another one (enough to reach every reference worker, and for V8 to compile our ingestion path: steady-state throughput on both sides). Seeding continues in the same experiment up to ${spans} spans${ours ? `; ours takes all of them through OTLP (${count(ours.seed.spans)} spans at ${count(ours.seed.spans_per_s)} spans/s, bodies encoded on the fly by the load generator on the same cores)` : ''}.`,
  ]
  if (reference?.fill)
    lines.push(
      `- **The reference was not seeded to ${spans} spans through its API.** OTLP seeding ran for its budget of ${reference.seed.budget_s} s (${count(reference.ingestion.spans + reference.seed.spans)} spans, ingestion phase included); the other ${count(reference.fill.spans)} spans (${count(reference.fill.traces)} traces) were then copied inside its SQLite file from the rows its own OTLP path wrote for traces 0–19 (\`trace_info\` with token and cost columns and previews, tags, metadata, \`spans\` with their JSON content), with the ids OTLP would have given them and shifted times, in one transaction (${seconds(reference.fill.wall_ms)}; \`bench/traces/reference-fill.ts\`). Same content, not the same write path: bulk-inserted B-trees are if anything more compact than OTLP-grown ones. Row counts were checked in both files before searching: ours ${ours ? `${count(ours.rows.traces)} traces / ${count(ours.rows.spans)} spans` : '—'}, reference ${count(reference.rows.traces)} / ${count(reference.rows.spans)}.`,
    )
  const abandoned = reference?.search.find((entry) => entry.timed_out_after_ms !== undefined)
  if (abandoned) {
    const why =
      abandoned.name === 'span'
        ? " On SQLite, MLflow 3.17.2 filters spans with a correlated `EXISTS (SELECT … FROM spans WHERE trace_id = … AND type = ? AND name = ?)` per candidate trace, and SQLite (no `ANALYZE` statistics) runs it on the `(experiment_id, type, status)` index: every candidate trace reads all TOOL spans of the experiment. While this benchmark was built, a direct call of its store's `search_traces` with `span.name = 'search_docs'` over 1,000,000 spans of these traces took about 400 s."
        : ''
    lines.push(
      `- The reference's search \`${abandoned.example_filter ?? abandoned.label}\` did not answer within ${seconds(abandoned.timed_out_after_ms!)}: the query was abandoned (the figure is a lower bound, and so is the ratio) and the server stopped right after.${why}`,
    )
  }
  if (reference)
    lines.push(
      `- Reference: \`mlflow server\` ${reference.version} with its default configuration (${result.reference_workers ?? '?'} uvicorn worker processes), telemetry and the job runner off, LiteLLM's bundled cost map (it prices the LLM spans). Ours: one Node.js process (${result.machine.node}).`,
    )
  lines.push(
    `- Request errors: ours ${ours ? ours.ingestion.errors + ours.seed.errors + searchErrors(ours) : '—'}, reference ${reference ? reference.ingestion.errors + reference.seed.errors + searchErrors(reference) : '—'}. Every search answer is checked against the expected ${plan.search.maxResults} trace ids in order (newest first); each timed query varies its value (customer, tool, window), ${plan.search.queries} timed queries per case after ${plan.search.warmup} warm-up, one at a time, sent by a fresh load-generator process over one kept-alive \`node:http\` connection and timed to the last byte of the answer (\`bench/traces/search-client.ts\`; the global \`fetch\` spent about 0.5 ms of client CPU on each 90 KB answer).`,
    `- Both servers, the load generator and anything else on the machine share ${result.machine.cores} cores; load average before each side: ours ${ours?.loadavg_before.join(' / ') ?? '—'}, reference ${reference?.loadavg_before.join(' / ') ?? '—'}. The reference runs first and its temp folder is removed before ours starts; fresh temp folders and SQLite files for each. Before each server's ingestion and again before its searches the machine settles (\`sync\` writes back the dirty pages of the previous phase, then a ${plan.settleMs / 1000} s pause: \`bench/traces/settle.ts\`).`,
    `- Whole run: ${(result.total_wall_s / 60).toFixed(1)} min (${result.date.slice(0, 16).replace('T', ' ')} UTC).`,
  )
  return lines
}

/**
 * The `## traces` section.
 *
 * @example
 * const result = await runTracesBench()
 * writeFileSync('section.md', tracesBenchSection(result))
 */
export function tracesBenchSection(result: TracesBenchResult): string {
  const { ours, reference, plan } = result
  const ingest = plan.ingestion
  const spansPerRequest = ingest.tracesPerRequest * plan.spansPerTrace
  const ingestFigure = (server: ServerResult | undefined) =>
    server ? { value: server.ingestion.spans_per_s } : undefined
  const ingestRatio = ratio(ingestFigure(ours), ingestFigure(reference), true)
  const ingestSpans = ingest.requests * spansPerRequest
  return [
    '## traces',
    '',
    'Our tracking server against the reference `mlflow server` from PyPI on traces, in one run on this',
    'machine, each on a fresh SQLite file, driven by the same TypeScript load generator',
    '(`bench/traces/`): OTLP ingestion at `POST /v1/traces` (protobuf `ExportTraceServiceRequest`,',
    '`x-mlflow-experiment-id`) and `POST /api/3.0/mlflow/traces/search` over',
    `${count(plan.targetTraces * plan.spansPerTrace)} spans (${count(plan.targetTraces)} traces), \`max_results\` ${plan.search.maxResults}. Target: at least 10x the reference on both.`,
    '',
    '| measure | ours | reference | ours vs reference | target |',
    '| --- | --- | --- | --- | --- |',
    `| OTLP ingestion, spans/s (${ingest.requests} requests × ${ingest.tracesPerRequest} traces × ${plan.spansPerTrace} spans, concurrency ${ingest.concurrency}) | ${ours ? count(ours.ingestion.spans_per_s) : '—'} | ${reference ? count(reference.ingestion.spans_per_s) : '—'} | ${showRatio(ingestRatio)} | ${verdict(ingestRatio)} |`,
    ...searchRows(result),
    '',
    'Details (p50 / p95 where two figures):',
    '',
    '| | ours | reference |',
    '| --- | --- | --- |',
    `| OTLP request of ${spansPerRequest} spans (${count((ours ?? reference)?.ingestion.body_bytes_mean ?? 0)} bytes) | ${both(result, (s) => `${ms(s.ingestion.latency.p50_ms)} / ${ms(s.ingestion.latency.p95_ms)}`)} |`,
    `| seeding through OTLP after the timed phase | ${both(result, (s) => `${count(s.seed.spans)} spans in ${seconds(s.seed.wall_ms)} (${count(s.seed.spans_per_s)} spans/s)`)} |`,
    `| topped up inside the SQLite file | — | ${reference?.fill ? `${count(reference.fill.spans)} spans in ${seconds(reference.fill.wall_ms)}` : '—'} |`,
    `| server CPU per 1,000 spans ingested (timed phase) | ${both(result, (s) => cpuPer(s, 'ingestion', ingestSpans / 1000))} |`,
    `| server CPU / wall time, timed ingestion (cores busy) | ${both(result, (s) => busy(s, 'ingestion', 'server'))} |`,
    `| load generator CPU / wall time, timed ingestion | ${both(result, (s) => busy(s, 'ingestion', 'client'))} |`,
    `| start-up to first /health | ${both(result, (s) => `${count(s.startup_ms)} ms`)} |`,
    '',
    ...notes(result),
    '',
  ].join('\n')
}
