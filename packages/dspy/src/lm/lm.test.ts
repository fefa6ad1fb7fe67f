import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inspect } from 'node:util'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { LmError } from '../errors/lm-error.ts'
import { settings } from '../settings/settings.ts'
import { FakeOpenAIServer } from '../testing/fake-openai-server.ts'
import { LM, type LmOptions } from './lm.ts'
import type { LmStreamChunk } from './lm-stream.ts'
import { RequestCache } from './request-cache.ts'
import { UsageTracker } from './usage-tracker.ts'

const secret = 'sk-test-SECRET-0123456789abcdef'
const question = [{ role: 'user' as const, content: 'Capital of France?' }]
let server: FakeOpenAIServer

beforeEach(async () => {
  server = await FakeOpenAIServer.start()
})
afterEach(async () => {
  await server.close()
  settings.reset()
})

function makeLm(options: LmOptions = {}, model = 'openai/gpt-4o-mini'): LM {
  return new LM(model, {
    apiBase: server.url,
    apiKey: secret,
    cacheStore: new RequestCache({ enableDiskCache: false }),
    sleep: async () => {},
    ...options,
  })
}

async function lmErrorOf(promise: Promise<unknown>): Promise<LmError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )
  expect(LmError.isLmError(error)).toBe(true)
  return error as LmError
}

describe('LM through FakeOpenAIServer', () => {
  it('answers a plain call and records usage, model and cost', async () => {
    server.enqueue({ choices: ['Paris'], usage: { prompt_tokens: 1000, completion_tokens: 100 } })
    const lm = makeLm()
    expect(await lm.call({ messages: question })).toEqual(['Paris'])
    expect(server.requests).toHaveLength(1)
    expect(server.requests[0]?.path).toBe('/v1/chat/completions')
    expect(server.requests[0]?.body).toMatchObject({ model: 'gpt-4o-mini', messages: question })
    const entry = lm.history[0]!
    expect(entry.usage).toEqual({ prompt_tokens: 1000, completion_tokens: 100, total_tokens: 1100 })
    expect(entry.response_model).toBe('gpt-4o-mini')
    expect(entry.cost).toBeCloseTo(0.00021, 10)
    expect(entry.response.choices[0]?.finishReason).toBe('stop')
  })

  it('returns n choices for n=3 without sending n to the provider', async () => {
    server.enqueue('Paris 1', 'Paris 2', 'Paris 3')
    const outputs = await makeLm().call({ messages: question, kwargs: { n: 3 } })
    expect([...outputs].sort()).toEqual(['Paris 1', 'Paris 2', 'Paris 3'])
    expect(server.requests).toHaveLength(3)
    expect(server.requests.every((request) => request.body.n === undefined)).toBe(true)
  })

  it('sends temperature, max_tokens, top_p, stop, seed and extra kwargs on the wire', async () => {
    server.enqueue('a', 'b')
    const lm = makeLm({ temperature: 0.7, maxTokens: 123 })
    await lm.call({ messages: question })
    expect(server.requests[0]?.body).toMatchObject({ temperature: 0.7, max_tokens: 123 })
    const kwargs = { temperature: 0.2, top_p: 0.9, stop: '###', seed: 7, user: 'u-1' }
    await lm.call({ messages: question, kwargs })
    expect(server.requests[1]?.body).toMatchObject({
      temperature: 0.2,
      max_tokens: 123,
      top_p: 0.9,
      stop: ['###'],
      seed: 7,
      user: 'u-1',
    })
    expect(lm.history[1]?.kwargs).toEqual(kwargs)
  })

  it('copies unknown kwargs verbatim into the body of OpenAI-compatible servers', async () => {
    server.enqueue('ok')
    const lm = makeLm({ kwargs: { custom_flag: true } }, 'openai-compatible/local-model')
    await lm.call({ messages: question })
    expect(server.requests[0]?.body).toMatchObject({ model: 'local-model', custom_flag: true })
  })

  it('maps response_format to JSON mode and to structured outputs', async () => {
    server.enqueue('{"answer": "Paris"}', '{"answer": "Paris"}')
    const lm = makeLm()
    await lm.call({ messages: question, kwargs: { response_format: { type: 'json_object' } } })
    const schema = {
      type: 'object',
      properties: { answer: { type: 'string' } },
      required: ['answer'],
      additionalProperties: false,
    }
    const jsonSchema = { name: 'DSPyProgramOutputs', schema, strict: true }
    const outputs = await lm.call({
      messages: question,
      kwargs: { response_format: { type: 'json_schema', json_schema: jsonSchema } },
    })
    expect(outputs).toEqual(['{"answer": "Paris"}'])
    expect(server.requests[0]?.body.response_format).toEqual({ type: 'json_object' })
    expect(server.requests[1]?.body.response_format).toMatchObject({
      type: 'json_schema',
      json_schema: { name: 'DSPyProgramOutputs', strict: true, schema: { required: ['answer'] } },
    })
  })

  it('passes tools and returns tool calls', async () => {
    server.enqueue({
      content: null,
      toolCalls: [{ id: 'call_1', name: 'search', arguments: { q: 'x' } }],
    })
    const tools = [
      {
        type: 'function',
        function: {
          name: 'search',
          description: 'Search',
          parameters: { type: 'object', properties: { q: { type: 'string' } } },
        },
      },
    ]
    const outputs = await makeLm().call({ messages: question, kwargs: { tools } })
    expect(outputs).toEqual([
      { text: null, tool_calls: [{ id: 'call_1', name: 'search', args: { q: 'x' } }] },
    ])
    expect(server.requests[0]?.body.tools).toMatchObject([
      { type: 'function', function: { name: 'search' } },
    ])
  })

  it('retries a 429 after an injected sleep, then succeeds', async () => {
    server.enqueue({ status: 429 }, 'Paris')
    const sleep = vi.fn(async (_milliseconds: number) => {})
    expect(await makeLm({ sleep }).call({ messages: question })).toEqual(['Paris'])
    expect(server.requests).toHaveLength(2)
    expect(sleep).toHaveBeenCalledTimes(1)
    expect(sleep.mock.calls[0]?.[0]).toBeGreaterThanOrEqual(500)
  })

  it('gives up on 500 after numRetries with an LmError carrying status and model', async () => {
    server.enqueue({ status: 500 }, { status: 500 }, { status: 500 })
    const sleep = vi.fn(async () => {})
    const error = await lmErrorOf(makeLm({ numRetries: 2, sleep }).call({ messages: question }))
    expect(error).toMatchObject({ code: 'LM_ERROR', status: 500, model: 'openai/gpt-4o-mini' })
    expect(server.requests).toHaveLength(3)
    expect(sleep).toHaveBeenCalledTimes(2)
  })

  it('maps 429 to LM_RATE_LIMIT and an over-long prompt to LM_CONTEXT_WINDOW_EXCEEDED', async () => {
    server.enqueue({ status: 429 })
    const limited = await lmErrorOf(makeLm({ numRetries: 0 }).call({ messages: question }))
    expect(limited).toMatchObject({ code: 'LM_RATE_LIMIT', status: 429 })
    const message = "This model's maximum context length is 128000 tokens."
    server.enqueue({ status: 400, body: { error: { message, code: 'context_length_exceeded' } } })
    const tooLong = await lmErrorOf(makeLm().call({ messages: question }))
    expect(tooLong).toMatchObject({ code: 'LM_CONTEXT_WINDOW_EXCEEDED', status: 400 })
  })

  it('maps 401 to LM_AUTH without retrying and never shows the key', async () => {
    const message = `Incorrect API key provided: ${secret}.`
    server.enqueue({ status: 401, body: { error: { message, type: 'invalid_request_error' } } })
    const error = await lmErrorOf(makeLm().call({ messages: question }))
    expect(error).toMatchObject({ code: 'LM_AUTH', status: 401 })
    expect(server.requests).toHaveLength(1)
    expect(error.message).toContain('[redacted]')
    expect(`${error.message} ${inspect(error, { depth: 5 })}`).not.toContain(secret)
  })

  it('serves a repeat from the cache with empty usage and no second request', async () => {
    server.enqueue('Paris')
    const tracker = new UsageTracker()
    settings.configure({ usageTracker: tracker })
    const lm = makeLm()
    await lm.call({ messages: question })
    expect(await lm.call({ messages: question })).toEqual(['Paris'])
    expect(server.requests).toHaveLength(1)
    expect(lm.history[1]?.usage).toEqual({})
    expect(lm.history[1]?.response.cacheHit).toBe(true)
    expect(tracker.getTotalTokens()['openai/gpt-4o-mini']?.total_tokens).toBe(
      lm.history[0]?.usage.total_tokens,
    )
  })

  it('keeps the disk cache across LM instances', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'dspyflow-lm-cache-'))
    try {
      server.enqueue('Paris')
      const first = makeLm({ cacheStore: new RequestCache({ diskCacheDir: folder }) })
      await first.call({ messages: question })
      const second = makeLm({ cacheStore: new RequestCache({ diskCacheDir: folder }) })
      expect(await second.call({ messages: question })).toEqual(['Paris'])
      expect(server.requests).toHaveLength(1)
      expect(second.history[0]?.response.cacheHit).toBe(true)
    } finally {
      await rm(folder, { recursive: true, force: true })
    }
  })

  it('bypasses the cache with cache: false per LM or per call', async () => {
    server.enqueue('a', 'b', 'c', 'd')
    const uncached = makeLm({ cache: false })
    await uncached.call({ messages: question })
    await uncached.call({ messages: question })
    const cached = makeLm()
    await cached.call({ messages: question, kwargs: { cache: false } })
    await cached.call({ messages: question, kwargs: { cache: false } })
    expect(server.requests).toHaveLength(4)
  })

  it('writes history entries with exactly DSPy keys', async () => {
    server.enqueue('Paris')
    const lm = makeLm()
    await lm.call({ messages: question })
    expect(Object.keys(lm.history[0]!)).toEqual([
      'prompt',
      'messages',
      'kwargs',
      'response',
      'outputs',
      'usage',
      'cost',
      'timestamp',
      'uuid',
      'model',
      'response_model',
      'model_type',
    ])
  })

  it('keeps the API key out of kwargs, history, dumpState, JSON and inspect', async () => {
    server.enqueue('Paris', 'Paris', 'Paris')
    const lm = makeLm({ apiKey: undefined, kwargs: { api_key: secret } })
    await lm.call({ messages: question })
    await lm.call({ messages: question, kwargs: { api_key: secret, cache: false } })
    expect(lm.kwargs).not.toHaveProperty('api_key')
    const visible = [
      JSON.stringify(lm.kwargs),
      JSON.stringify(lm.history),
      JSON.stringify(lm.dumpState()),
      JSON.stringify(lm),
      inspect(lm, { depth: 6 }),
      JSON.stringify(lm.copy({ temperature: 1 })),
    ]
    for (const text of visible) expect(text).not.toContain(secret)
    expect(await lm.copy({ temperature: 1 }).call({ messages: question })).toEqual(['Paris'])
    expect(server.requests[0]?.headers).not.toHaveProperty('authorization')
  })

  it('streams text deltas to settings.sendStream and returns the assembled answer', async () => {
    server.enqueue('The capital of France is Paris.')
    const chunks: LmStreamChunk[] = []
    const predictor = { name: 'qa' }
    const sendStream = { send: async (chunk: LmStreamChunk) => void chunks.push(chunk) }
    const lm = makeLm()
    const outputs = await settings.context({ sendStream, callerPredict: predictor }, () =>
      lm.call({ messages: question }),
    )
    expect(outputs).toEqual(['The capital of France is Paris.'])
    expect(chunks.length).toBeGreaterThan(1)
    expect(chunks.map((chunk) => chunk.delta).join('')).toBe('The capital of France is Paris.')
    expect(chunks[0]).toMatchObject({ type: 'lm-chunk', model: 'openai/gpt-4o-mini', predictor })
    expect(server.requests[0]?.body).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
    })
    expect(lm.history[0]?.usage.total_tokens).toBeGreaterThan(0)
  })

  it('builds a text prompt for modelType text', async () => {
    server.enqueue('Paris')
    const lm = makeLm({ modelType: 'text' })
    expect(await lm.call({ prompt: 'Capital of France?' })).toEqual(['Paris'])
    expect(server.requests[0]?.path).toBe('/v1/completions')
    // The AI SDK frames completion prompts as `user:` / `assistant:` turns around DSPy's text.
    expect(server.requests[0]?.body.prompt).toContain('Capital of France?\n\nBEGIN RESPONSE:')
  })
})

describe('LM construction and state', () => {
  it('enforces the reasoning-model rule and stores max_completion_tokens', async () => {
    const invalid = (options: LmOptions) => () => new LM('openai/gpt-5', options)
    for (const options of [{ temperature: 0.7 }, { maxTokens: 1000 }]) {
      expect(invalid(options)).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT' }) as unknown as Error,
      )
    }
    const lm = makeLm({ temperature: 1, maxTokens: 16000 }, 'openai/gpt-5')
    expect(lm.kwargs).toEqual({
      temperature: 1,
      max_completion_tokens: 16000,
      api_base: server.url,
    })
    const state = lm.dumpState()
    expect(Object.keys(state).at(-1)).toBe('max_tokens')
    expect(state).not.toHaveProperty('max_completion_tokens')
    server.enqueue('ok')
    await lm.call({ messages: question })
    expect(server.requests[0]?.body).toMatchObject({ max_completion_tokens: 16000 })
  })

  it('saves DSPy state without the key and loads it back', () => {
    const lm = new LM('openai/gpt-4o-mini', {
      temperature: 0,
      maxTokens: 100,
      apiKey: secret,
      kwargs: { top_p: 0.5 },
    })
    const state = lm.dumpState()
    expect(Object.keys(state)).toEqual([
      '_dspy_lm_class',
      'model',
      'model_type',
      'cache',
      'num_retries',
      'temperature',
      'max_tokens',
      'top_p',
      'finetuning_model',
      'launch_kwargs',
      'train_kwargs',
    ])
    const loaded = LM.fromState(JSON.parse(JSON.stringify(state)) as Record<string, unknown>)
    expect(loaded.kwargs).toEqual({ temperature: 0, max_tokens: 100, top_p: 0.5 })
    expect(loaded.model).toBe('openai/gpt-4o-mini')
  })

  it('reports provider capabilities', () => {
    expect(new LM('openai/gpt-4o-mini').supportsResponseSchema).toBe(true)
    expect(new LM('ollama/llama3.2').supportsFunctionCalling).toBe(false)
    expect(new LM('anthropic/claude-sonnet-4-5').supportedParams).toContain('response_format')
  })
})
