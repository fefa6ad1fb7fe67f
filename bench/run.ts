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
}

function runJson<T>(command: string, args: string[]): T {
  const output = execFileSync(command, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
  const line = output.trim().split('\n').pop()!
  return JSON.parse(line) as T
}

function dspyOverhead(): string {
  if (!existsSync(python)) throw new Error('Run `npm run test:conformance` once to create .venv with Python DSPy.')
  const calls = process.env.BENCH_CALLS ?? '2000'
  const ours = runJson<OverheadResult>(join(root, 'node_modules', '.bin', 'tsx'), ['bench/dspy-overhead/ts-overhead.ts', calls])
  const reference = runJson<OverheadResult>(python, ['bench/dspy-overhead/py_overhead.py', calls])
  const rows = (['predict', 'chain_of_thought'] as const).map((name) => {
    const a = ours[name]
    const b = reference[name]
    const ratio = b.median_us / a.median_us
    return `| ${name === 'predict' ? 'Predict' : 'ChainOfThought'} | ${a.median_us.toFixed(0)} µs (p95 ${a.p95_us.toFixed(0)}) | ${b.median_us.toFixed(0)} µs (p95 ${b.p95_us.toFixed(0)}) | **${ratio.toFixed(1)}x** |`
  })
  return [
    '## dspy-overhead',
    '',
    'Per-call overhead of a `question -> answer` program with an instant LM: format, cache miss,',
    'LM call path, history, parse. The provider call is replaced in-process on both sides (ours: the',
    "real `LM` with an instant `fetch`; Python: `litellm_completion` returning a ready response). Target: ≥ 5x lower.",
    `${calls} calls each after warm-up, memory cache only, run one after the other on the same machine.`,
    '',
    `| program | ${ours.runtime} | ${reference.runtime} | speed-up (median) |`,
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n')
}

const benchmarks: Record<string, () => string> = { 'dspy-overhead': dspyOverhead }
const selected = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(benchmarks)
const path = join(root, 'BENCHMARKS.md')
const previous = existsSync(path) ? readFileSync(path, 'utf8') : ''
const sections = new Map<string, string>()
for (const match of previous.matchAll(/^## (\S+)\n[\s\S]*?(?=^## |(?![\s\S]))/gm)) sections.set(match[1]!, match[0].trimEnd())
for (const name of selected) {
  const run = benchmarks[name]
  if (!run) throw new Error(`Unknown benchmark ${name}; known: ${Object.keys(benchmarks).join(', ')}`)
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
