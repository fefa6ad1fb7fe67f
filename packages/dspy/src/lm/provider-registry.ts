import { createAnthropic } from '@ai-sdk/anthropic'
import { createOpenAI } from '@ai-sdk/openai'
import { createOpenAICompatible } from '@ai-sdk/openai-compatible'
import type { LanguageModel } from 'ai'
import { LmError } from '../errors/lm-error.ts'

/** The AI SDK provider package a LiteLLM-style provider name is served by. */
export type ProviderKind = 'openai' | 'anthropic' | 'openai-compatible'

/** How one LiteLLM provider prefix (`openai/`, `ollama/`, ...) reaches its API. */
export interface ProviderDefinition {
  kind: ProviderKind
  /** Environment variable holding the API key. */
  apiKeyEnv?: string
  /** Base URL used when the LM has no `apiBase`. */
  defaultBaseUrl?: string
  /** The provider has no public endpoint: an `apiBase` is required. */
  requiresApiBase?: boolean
}

const providers = new Map<string, ProviderDefinition>([
  ['openai', { kind: 'openai', apiKeyEnv: 'OPENAI_API_KEY' }],
  ['anthropic', { kind: 'anthropic', apiKeyEnv: 'ANTHROPIC_API_KEY' }],
  ['ollama', { kind: 'openai-compatible', defaultBaseUrl: 'http://localhost:11434/v1' }],
  ['ollama_chat', { kind: 'openai-compatible', defaultBaseUrl: 'http://localhost:11434/v1' }],
  ['vllm', { kind: 'openai-compatible', requiresApiBase: true }],
  ['hosted_vllm', { kind: 'openai-compatible', requiresApiBase: true }],
  ['openai-compatible', { kind: 'openai-compatible', requiresApiBase: true }],
])

/**
 * Adds (or replaces) a LiteLLM-style provider prefix, e.g. an OpenAI-compatible gateway.
 *
 * @example
 * registerProvider('groq', {
 *   kind: 'openai-compatible',
 *   apiKeyEnv: 'GROQ_API_KEY',
 *   defaultBaseUrl: 'https://api.groq.com/openai/v1',
 * })
 * new LM('groq/llama-3.3-70b-versatile')
 */
export function registerProvider(name: string, definition: ProviderDefinition): void {
  providers.set(name, definition)
}

/**
 * Splits a LiteLLM model id at its first `/`: `openai/gpt-4o-mini` → `openai` + `gpt-4o-mini`;
 * a bare name belongs to `openai`.
 *
 * @example
 * parseModelName('ollama/llama3.2') // { providerName: 'ollama', modelId: 'llama3.2' }
 */
export function parseModelName(model: string): { providerName: string; modelId: string } {
  const slash = model.indexOf('/')
  if (slash < 0) return { providerName: 'openai', modelId: model }
  return { providerName: model.slice(0, slash), modelId: model.slice(slash + 1) }
}

/**
 * DSPy 3.3's test for OpenAI reasoning models (o1/o3/o4/o5 families and gpt-5 except
 * gpt-5-chat), on the last path segment, lower-cased.
 *
 * @example
 * isOpenAiReasoningModel('openai/gpt-5-mini') // true
 */
export function isOpenAiReasoningModel(model: string): boolean {
  const family = (model.split('/').at(-1) ?? model).toLowerCase()
  return /^(?:o[1345](?:-(?:mini|nano|pro))?(?:-\d{4}-\d{2}-\d{2})?|gpt-5(?!-chat)(?:-.*)?)$/.test(
    family,
  )
}

/** Where and how to connect; the key is read from the provider's environment variable if absent. */
export interface ProviderConnection {
  apiKey?: string
  apiBase?: string
  fetch?: typeof globalThis.fetch
}

/** A LiteLLM model id resolved to an AI SDK language model. */
export interface ResolvedModel {
  providerName: string
  modelId: string
  kind: ProviderKind
  /** The key of `providerOptions` this provider reads. */
  providerOptionsKey: string
  languageModel: LanguageModel
  /** The API key in use (kept so errors can redact it). */
  apiKey: string | undefined
}

/**
 * The definition of a provider name, or undefined when unknown.
 *
 * @example
 * getProviderDefinition('ollama')?.defaultBaseUrl // 'http://localhost:11434/v1'
 */
export function getProviderDefinition(providerName: string): ProviderDefinition | undefined {
  return providers.get(providerName)
}

/**
 * Builds the AI SDK model for a LiteLLM model id: `openai/*` (chat completions, responses or
 * completions by `modelType`), `anthropic/*`, and OpenAI-compatible servers (`ollama/*`,
 * `vllm/*`, `openai-compatible/*`, or any prefix when an `apiBase` is given).
 *
 * @example
 * const { languageModel } = resolveLanguageModel('ollama/llama3.2', 'chat', {})
 */
export function resolveLanguageModel(
  model: string,
  modelType: 'chat' | 'text' | 'responses',
  connection: ProviderConnection,
): ResolvedModel {
  const { providerName, modelId } = parseModelName(model)
  const definition: ProviderDefinition | undefined =
    providers.get(providerName) ?? (connection.apiBase ? { kind: 'openai-compatible' } : undefined)
  if (!definition) {
    const known = [...providers.keys()].join(', ')
    throw new LmError({
      model,
      message: `Unknown LM provider \`${providerName}\` in \`${model}\`. Known providers: ${known}; pass \`apiBase\` to use an OpenAI-compatible server.`,
    })
  }
  const apiBase = connection.apiBase ?? definition.defaultBaseUrl
  if (definition.requiresApiBase && !apiBase) {
    throw new LmError({
      model,
      message: `The \`${providerName}\` provider needs the server's URL: new LM('${model}', { apiBase: 'http://host:port/v1' }).`,
    })
  }
  const envKey = definition.apiKeyEnv ? process.env[definition.apiKeyEnv] : undefined
  const apiKey = connection.apiKey ?? (envKey || undefined)
  const base = { fetch: connection.fetch, ...(apiBase ? { baseURL: apiBase } : {}) }
  if (definition.kind !== 'openai-compatible' && !apiKey) {
    throw new LmError({
      model,
      code: 'LM_AUTH',
      message: `No API key for \`${providerName}\`: pass \`apiKey\` to new LM('${model}', ...) or set ${definition.apiKeyEnv}.`,
    })
  }
  if (definition.kind === 'openai') {
    const provider = createOpenAI({ ...base, apiKey })
    const languageModel =
      modelType === 'responses'
        ? provider.responses(modelId)
        : modelType === 'text'
          ? provider.completion(modelId)
          : provider.chat(modelId)
    return {
      providerName,
      modelId,
      kind: 'openai',
      providerOptionsKey: 'openai',
      languageModel,
      apiKey,
    }
  }
  if (definition.kind === 'anthropic') {
    const languageModel = createAnthropic({ ...base, apiKey })(modelId)
    return {
      providerName,
      modelId,
      kind: 'anthropic',
      providerOptionsKey: 'anthropic',
      languageModel,
      apiKey,
    }
  }
  const name = providerName.replace(/[^a-zA-Z0-9]/g, '') || 'compatible'
  const provider = createOpenAICompatible({
    name,
    baseURL: apiBase ?? '',
    apiKey,
    fetch: connection.fetch,
    includeUsage: true,
    supportsStructuredOutputs: true,
  })
  const languageModel =
    modelType === 'text' ? provider.completionModel(modelId) : provider.chatModel(modelId)
  return {
    providerName,
    modelId,
    kind: 'openai-compatible',
    providerOptionsKey: name,
    languageModel,
    apiKey,
  }
}
