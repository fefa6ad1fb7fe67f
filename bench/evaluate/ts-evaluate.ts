/**
 * Evaluate's concurrency: 1,000 examples through a Predict with an LM that answers after 20 ms,
 * 16 at a time. The ideal wall time is 1000 / 16 × 20 ms = 1,250 ms; the ratio to it shows what
 * scheduling and the DSPy layer (format, parse, callbacks, history) add. Target: ratio ≤ 1.3.
 *
 *   npx tsx bench/evaluate/ts-evaluate.ts [examples] [threads] [latencyMs]
 *
 * Prints one JSON line (see `EvaluateBenchResult`).
 */
import {
  BaseLM,
  configure,
  Example,
  type LmRequest,
  type LmResponse,
  Predict,
  type Prediction,
} from '../../packages/dspy/src/index.ts'
import { Evaluate } from '../../packages/dspy/src/evaluate/evaluate.ts'

export interface EvaluateBenchResult {
  benchmark: 'evaluate'
  runtime: string
  examples: number
  num_threads: number
  latency_ms: number
  wall_ms: number
  ideal_ms: number
  ratio: number
  score: number
}

/** An LM that answers `{question}!` after a fixed delay. */
class SlowLM extends BaseLM {
  constructor(readonly latencyMs: number) {
    super('bench/slow', { temperature: 0 })
  }
  protected async forward(request: LmRequest): Promise<LmResponse> {
    await new Promise((resolve) => setTimeout(resolve, this.latencyMs))
    const last = String(request.messages.at(-1)?.content)
    const question = /\[\[ ## question ## \]\]\n(.*)/.exec(last)?.[1] ?? ''
    return {
      choices: [{ text: `[[ ## answer ## ]]\n${question}!`, finishReason: 'stop' }],
      usage: { prompt_tokens: 50, completion_tokens: 5, total_tokens: 55 },
      model: 'bench/slow',
    }
  }
}

const examples = Number(process.argv[2] ?? 1000)
const threads = Number(process.argv[3] ?? 16)
const latencyMs = Number(process.argv[4] ?? 20)

const devset = (count: number, prefix: string) =>
  Array.from({ length: count }, (_, index) =>
    new Example({ question: `${prefix} ${index}`, answer: `${prefix} ${index}!` }).withInputs(
      'question',
    ),
  )
const metric = (example: Example, prediction: Prediction) => example.answer === prediction.answer

console.info = () => undefined
configure({ lm: new SlowLM(latencyMs) })
const program = new Predict('question -> answer')
await new Evaluate({ devset: devset(threads * 4, 'warmup'), metric, numThreads: threads }).call(
  program,
)
const evaluate = new Evaluate({ devset: devset(examples, 'question'), metric, numThreads: threads })
const start = performance.now()
const result = await evaluate.call(program)
const wallMs = performance.now() - start
const idealMs = (examples / threads) * latencyMs
const output: EvaluateBenchResult = {
  benchmark: 'evaluate',
  runtime: `node ${process.version}`,
  examples,
  num_threads: threads,
  latency_ms: latencyMs,
  wall_ms: Math.round(wallMs * 10) / 10,
  ideal_ms: idealMs,
  ratio: Math.round((wallMs / idealMs) * 1000) / 1000,
  score: result.score,
}
console.log(JSON.stringify(output))
