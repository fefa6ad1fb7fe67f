import { afterEach, describe, expect, it, vi } from 'vitest'
import { toModelMessages } from './model-messages.ts'
import { computeCost } from './model-pricing.ts'
import {
  isOpenAiReasoningModel,
  parseModelName,
  registerProvider,
  resolveLanguageModel,
} from './provider-registry.ts'

afterEach(() => {
  vi.unstubAllEnvs()
})

function providerOf(model: ReturnType<typeof resolveLanguageModel>['languageModel']): string {
  return typeof model === 'string' ? model : model.provider
}

describe('provider registry', () => {
  it('parses LiteLLM model ids; a bare name is OpenAI', () => {
    expect(parseModelName('openai/gpt-4o-mini')).toEqual({
      providerName: 'openai',
      modelId: 'gpt-4o-mini',
    })
    expect(parseModelName('gpt-4o')).toEqual({ providerName: 'openai', modelId: 'gpt-4o' })
    expect(parseModelName('vllm/meta/llama-3')).toEqual({
      providerName: 'vllm',
      modelId: 'meta/llama-3',
    })
  })

  it("recognises DSPy 3.3's OpenAI reasoning models", () => {
    for (const model of [
      'openai/o1',
      'o3-mini',
      'openai/o4-mini-2025-04-16',
      'openai/gpt-5',
      'gpt-5-mini',
    ]) {
      expect(isOpenAiReasoningModel(model)).toBe(true)
    }
    for (const model of ['openai/gpt-5-chat-latest', 'openai/gpt-4o', 'o2', 'openai/o1x']) {
      expect(isOpenAiReasoningModel(model)).toBe(false)
    }
  })

  it('maps providers onto AI SDK models, with keys from options or the environment', () => {
    vi.stubEnv('OPENAI_API_KEY', 'env-openai')
    vi.stubEnv('ANTHROPIC_API_KEY', 'env-anthropic')
    const openai = resolveLanguageModel('openai/gpt-4o-mini', 'chat', {})
    expect(openai).toMatchObject({ kind: 'openai', modelId: 'gpt-4o-mini', apiKey: 'env-openai' })
    expect(providerOf(openai.languageModel)).toBe('openai.chat')
    expect(resolveLanguageModel('gpt-4o', 'chat', { apiKey: 'given' }).apiKey).toBe('given')
    expect(providerOf(resolveLanguageModel('gpt-4o', 'responses', {}).languageModel)).toBe(
      'openai.responses',
    )
    const anthropic = resolveLanguageModel('anthropic/claude-sonnet-4-5', 'chat', {})
    expect(anthropic).toMatchObject({ kind: 'anthropic', apiKey: 'env-anthropic' })
    const ollama = resolveLanguageModel('ollama/llama3.2', 'chat', {})
    expect(ollama).toMatchObject({ kind: 'openai-compatible', providerOptionsKey: 'ollama' })
    expect(providerOf(ollama.languageModel)).toBe('ollama.chat')
    const vllm = resolveLanguageModel('vllm/m', 'chat', { apiBase: 'http://127.0.0.1:8000/v1' })
    expect(vllm.kind).toBe('openai-compatible')
  })

  it('refuses what it cannot reach with LmErrors', () => {
    vi.stubEnv('OPENAI_API_KEY', '')
    expect(() => resolveLanguageModel('openai/gpt-4o', 'chat', {})).toThrow(/OPENAI_API_KEY/)
    expect(() => resolveLanguageModel('vllm/m', 'chat', {})).toThrow(/apiBase/)
    expect(() => resolveLanguageModel('gemini/g', 'chat', {})).toThrow(
      /Unknown LM provider `gemini`/,
    )
    expect(resolveLanguageModel('gemini/g', 'chat', { apiBase: 'http://h/v1' }).kind).toBe(
      'openai-compatible',
    )
  })

  it('accepts registered providers', () => {
    registerProvider('groq', {
      kind: 'openai-compatible',
      apiKeyEnv: 'GROQ_API_KEY',
      defaultBaseUrl: 'https://api.groq.com/openai/v1',
    })
    vi.stubEnv('GROQ_API_KEY', 'groq-key')
    expect(resolveLanguageModel('groq/llama', 'chat', {})).toMatchObject({
      apiKey: 'groq-key',
      providerOptionsKey: 'groq',
    })
  })

  it('prices well-known models, including dated snapshots', () => {
    const usage = { prompt_tokens: 1_000_000, completion_tokens: 1_000_000 }
    expect(computeCost('openai', 'gpt-4o-mini-2024-07-18', usage)).toBeCloseTo(0.75)
    expect(computeCost('anthropic', 'claude-sonnet-4-5-20250929', usage)).toBeCloseTo(18)
    expect(computeCost('openai', 'my-finetune', usage)).toBeUndefined()
    expect(computeCost('openai-compatible', 'gpt-4o', usage)).toBeUndefined()
  })

  it('converts OpenAI chat messages into AI SDK model messages', () => {
    const converted = toModelMessages([
      { role: 'system', content: 'Be brief.' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is this?' },
          { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } },
        ],
      },
      {
        role: 'assistant',
        content: null as unknown as string,
        tool_calls: [
          { id: 'c1', type: 'function', function: { name: 'look', arguments: '{"x":1}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'c1', content: 'a cat' },
    ])
    expect(converted).toEqual([
      { role: 'system', content: 'Be brief.' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is this?' },
          { type: 'image', image: new URL('https://example.com/cat.png') },
        ],
      },
      {
        role: 'assistant',
        content: [{ type: 'tool-call', toolCallId: 'c1', toolName: 'look', input: { x: 1 } }],
      },
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'c1',
            toolName: 'look',
            output: { type: 'text', value: 'a cat' },
          },
        ],
      },
    ])
  })
})
