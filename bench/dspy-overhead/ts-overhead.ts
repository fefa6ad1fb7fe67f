/**
 * Per-call overhead of @dspyflow/dspy's Predict and ChainOfThought with an instant LM.
 *
 * `InstantLM` is the real `LM` class with its provider request (`complete`, our counterpart of
 * DSPy's `litellm_completion`) answering in-process at once, exactly where the Python side patches
 * `litellm_completion`. What is measured is the library: formatting, the cache lookup (a miss:
 * every question is new) and store, the LM call wrapper, history and parsing. A second pair of
 * rows keeps the Vercel AI SDK in the path (the real provider, with an instant `fetch`).
 * Prints one JSON line.
 */
import {
  ChainOfThought,
  type ChatMessage,
  configure,
  configureCache,
  LM,
  type LmResponse,
  type Module,
  Predict,
} from '@dspyflow/dspy'

const answer =
  '[[ ## reasoning ## ]]\nSix times seven.\n\n[[ ## answer ## ]]\n42\n\n[[ ## completed ## ]]'

function instantFetch(): Promise<Response> {
  const body = {
    id: 'chatcmpl-bench',
    object: 'chat.completion',
    created: 0,
    model: 'gpt-4o-mini',
    choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: answer } }],
    usage: { prompt_tokens: 50, completion_tokens: 10, total_tokens: 60 },
  }
  return Promise.resolve(
    new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } }),
  )
}

class InstantLM extends LM {
  protected override async complete(
    _messages: ChatMessage[],
    _kwargs: Record<string, unknown>,
  ): Promise<LmResponse> {
    return {
      choices: [{ text: answer, finishReason: 'stop' }],
      usage: { prompt_tokens: 50, completion_tokens: 10, total_tokens: 60 },
      model: 'gpt-4o-mini',
    }
  }
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
configure({ lm: new InstantLM('openai/gpt-4o-mini', { apiKey: 'bench', cache: true }) })
const predict = await measure(new Predict('question -> answer'), calls, warmup, 'p')
const chainOfThought = await measure(new ChainOfThought('question -> answer'), calls, warmup, 'c')
configure({
  lm: new LM('openai/gpt-4o-mini', { apiKey: 'bench', cache: true, fetch: instantFetch }),
})
const results = {
  runtime: `Node ${process.version}, @dspyflow/dspy`,
  predict,
  chain_of_thought: chainOfThought,
  predict_through_ai_sdk: await measure(new Predict('question -> answer'), calls, warmup, 'ap'),
  chain_of_thought_through_ai_sdk: await measure(
    new ChainOfThought('question -> answer'),
    calls,
    warmup,
    'ac',
  ),
}
console.log(JSON.stringify(results))
