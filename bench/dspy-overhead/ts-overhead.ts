/**
 * Per-call overhead of @dspyflow/dspy's Predict and ChainOfThought with an instant LM.
 *
 * The LM is the real `LM` class (AI SDK OpenAI provider, cache on, memory only) whose `fetch`
 * answers in-process at once with a chat-completions body, so what is measured is the library:
 * formatting, the cache lookup (a miss: every question is new), the provider SDK, history and
 * parsing. Prints one JSON line.
 */
import { ChainOfThought, configure, configureCache, LM, type Module, Predict } from '@dspyflow/dspy'

const answer = '[[ ## reasoning ## ]]\nSix times seven.\n\n[[ ## answer ## ]]\n42\n\n[[ ## completed ## ]]'

function instantFetch(): Promise<Response> {
  const body = {
    id: 'chatcmpl-bench',
    object: 'chat.completion',
    created: 0,
    model: 'gpt-4o-mini',
    choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: answer } }],
    usage: { prompt_tokens: 50, completion_tokens: 10, total_tokens: 60 },
  }
  return Promise.resolve(new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } }))
}

async function measure(program: Module, calls: number, warmup: number, offset: string) {
  for (let index = 0; index < warmup; index += 1) {
    await program.call({ question: `warmup ${offset} ${index}: what is 6 * 7?` })
  }
  const durations: number[] = []
  for (let index = 0; index < calls; index += 1) {
    const start = performance.now()
    await program.call({ question: `question ${offset} ${index}: what is 6 * 7?` })
    durations.push((performance.now() - start) * 1000)
  }
  durations.sort((a, b) => a - b)
  return {
    median_us: durations[Math.floor(durations.length / 2)]!,
    p95_us: durations[Math.floor(0.95 * durations.length) - 1]!,
    mean_us: durations.reduce((sum, value) => sum + value, 0) / durations.length,
    calls,
  }
}

const calls = Number(process.argv[2] ?? 2000)
const warmup = Math.max(50, Math.floor(calls / 10))
configureCache({ enableDiskCache: false, enableMemoryCache: true })
configure({ lm: new LM('openai/gpt-4o-mini', { apiKey: 'bench', cache: true, fetch: instantFetch }) })
const results = {
  runtime: `Node ${process.version}, @dspyflow/dspy`,
  predict: await measure(new Predict('question -> answer'), calls, warmup, 'p'),
  chain_of_thought: await measure(new ChainOfThought('question -> answer'), calls, warmup, 'c'),
}
console.log(JSON.stringify(results))
