/**
 * Runs the benchmarks and writes BENCHMARKS.md.
 *
 *   npm run bench                 # every benchmark
 *   npm run bench -- dspy-overhead
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { type TracesBenchResult, tracesBenchSection } from './traces/markdown.ts'
import { type TrackingBenchResult, trackingBenchSection } from './tracking/markdown.ts'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const python = join(root, '.venv', 'bin', 'python')

interface Stats {
  median_us: number
  p95_us: number
  mean_us: number
  calls: number
}
interface OverheadResult {
  runtime: string
  predict: Stats
  chain_of_thought: Stats
  predict_through_ai_sdk?: Stats
  chain_of_thought_through_ai_sdk?: Stats
}

function runJson<T>(command: string, args: string[]): T {
  const output = execFileSync(command, args, {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, LITELLM_LOCAL_MODEL_COST_MAP: 'True' },
  })
  const line = output.trim().split('\n').pop()!
  return JSON.parse(line) as T
}

function dspyOverhead(): string {
  if (!existsSync(python))
    throw new Error('Run `npm run test:conformance` once to create .venv with Python DSPy.')
  const calls = process.env.BENCH_CALLS ?? '2000'
  const ours = runJson<OverheadResult>(join(root, 'node_modules', '.bin', 'tsx'), [
    'bench/dspy-overhead/ts-overhead.ts',
    calls,
  ])
  const reference = runJson<OverheadResult>(python, ['bench/dspy-overhead/py_overhead.py', calls])
  const format = (stats: Stats) =>
    `${stats.median_us.toFixed(0)} µs (p95 ${stats.p95_us.toFixed(0)})`
  const rows = (['predict', 'chain_of_thought'] as const).map((name) => {
    const ratio = reference[name].median_us / ours[name].median_us
    return `| ${name === 'predict' ? 'Predict' : 'ChainOfThought'} | ${format(ours[name])} | ${format(reference[name])} | **${ratio.toFixed(1)}x** |`
  })
  const sdkRows = [
    ['Predict', ours.predict_through_ai_sdk],
    ['ChainOfThought', ours.chain_of_thought_through_ai_sdk],
  ].flatMap(([label, stats]) => (stats ? [`| ${label} | ${format(stats as Stats)} |`] : []))
  return [
    '## dspy-overhead',
    '',
    'Per-call overhead of a `question -> answer` program with an instant LM: format, cache miss',
    '(key and store, memory only), the LM call wrapper, history, parse. Both sides replace the',
    "provider request at the same seam with an in-process answer: Python patches DSPy's",
    '`litellm_completion`, ours overrides `LM.complete`. Target: at least 5x lower. Each figure is',
    `the median of ${calls} sequential calls after warm-up; both runs one after the other on this machine.`,
    '',
    `| program | ${ours.runtime} | ${reference.runtime} | speed-up (median) |`,
    '| --- | --- | --- | --- |',
    ...rows,
    '',
    'For reference, ours with the Vercel AI SDK provider kept in the path (OpenAI chat provider,',
    'an instant in-process `fetch`): the provider SDK costs more than the whole DSPy layer.',
    '',
    '| program | median (p95) |',
    '| --- | --- |',
    ...sdkRows,
    '',
  ].join('\n')
}

interface EvaluateResult {
  runtime: string
  examples: number
  num_threads: number
  latency_ms: number
  wall_ms: number
  ideal_ms: number
  ratio: number
  score: number
}

function evaluateThroughput(): string {
  const runs = Array.from({ length: 3 }, () =>
    runJson<EvaluateResult>(join(root, 'node_modules', '.bin', 'tsx'), [
      'bench/evaluate/ts-evaluate.ts',
    ]),
  )
  const best = runs.reduce((a, b) => (a.wall_ms <= b.wall_ms ? a : b))
  const worst = runs.reduce((a, b) => (a.wall_ms >= b.wall_ms ? a : b))
  return [
    '## evaluate',
    '',
    `\`Evaluate\` over ${best.examples} examples with numThreads ${best.num_threads} and an LM that answers after`,
    `${best.latency_ms} ms: wall time against the ideal ${best.examples}/${best.num_threads} × ${best.latency_ms} ms = ${best.ideal_ms} ms. Target: within 1.3x.`,
    'Three runs; best and worst shown.',
    '',
    '| run | wall time | ratio to ideal |',
    '| --- | --- | --- |',
    `| best | ${best.wall_ms.toFixed(0)} ms | **${best.ratio.toFixed(2)}x** |`,
    `| worst | ${worst.wall_ms.toFixed(0)} ms | ${worst.ratio.toFixed(2)}x |`,
    '',
  ].join('\n')
}

function serverStartup(): string {
  const result = runJson<{
    runs: { healthMs: number; pageMs: number }[]
    median_page_ms: number
    max_page_ms: number
  }>(join(root, 'node_modules', '.bin', 'tsx'), ['bench/server-startup/measure-startup.ts'])
  return [
    '## server-startup',
    '',
    '`dspyflow server` on a fresh SQLite file (migrations included): time from spawning the process',
    'to the first `/health` answer and to the page at `/`. Five runs. Target: under 2 s.',
    '',
    '| run | /health | page at / |',
    '| --- | --- | --- |',
    ...result.runs.map(
      (run, index) =>
        `| ${index + 1} | ${run.healthMs.toFixed(0)} ms | ${run.pageMs.toFixed(0)} ms |`,
    ),
    '',
    `Median ${result.median_page_ms.toFixed(0)} ms, worst ${result.max_page_ms.toFixed(0)} ms.`,
    '',
  ].join('\n')
}

function tracking(): string {
  const result = runJson<TrackingBenchResult>(join(root, 'node_modules', '.bin', 'tsx'), [
    'bench/tracking/run-tracking-bench.ts',
  ])
  return trackingBenchSection(result)
}

function traces(): string {
  const result = runJson<TracesBenchResult>(join(root, 'node_modules', '.bin', 'tsx'), [
    'bench/traces/run-traces-bench.ts',
  ])
  return tracesBenchSection(result)
}

const benchmarks: Record<string, () => string> = {
  tracking,
  traces,
  'server-startup': serverStartup,
  'dspy-overhead': dspyOverhead,
  evaluate: evaluateThroughput,
}
const selected = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(benchmarks)
const path = join(root, 'BENCHMARKS.md')
const previous = existsSync(path) ? readFileSync(path, 'utf8') : ''
const sections = new Map<string, string>()
for (const match of previous.matchAll(/^## (\S+)\n[\s\S]*?(?=^## |(?![\s\S]))/gm))
  sections.set(match[1]!, match[0].trimEnd())
for (const name of selected) {
  const run = benchmarks[name]
  if (!run)
    throw new Error(`Unknown benchmark ${name}; known: ${Object.keys(benchmarks).join(', ')}`)
  console.log(`running ${name} ...`)
  sections.set(name, run().trimEnd())
}
const header = [
  '# Benchmarks',
  '',
  `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}.`,
  '',
].join('\n')
writeFileSync(path, `${header}\n${[...sections.values()].join('\n\n')}\n`)
console.log(`wrote ${path}`)
