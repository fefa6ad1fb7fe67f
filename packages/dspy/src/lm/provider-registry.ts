import { createAnthropic } from '@ai-sdk/anthropic'
import { createOpenAI } from '@ai-sdk/openai'
import { createOpenAICompatible } from '@ai-sdk/openai-compatible'
import type { LanguageModel, ModelMessage } from 'ai'
import { LmError } from '../errors/lm-error.ts'
import type { ChatContentPart, ChatMessage } from './lm-types.ts'

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

/** The definition of a provider name, or undefined when unknown. */
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

/** USD per million tokens, [input, output], for well-known models (dated snapshots match too). */
const pricesPerMillionTokens: Record<string, readonly [number, number]> = {
  'gpt-4o': [2.5, 10],
  'gpt-4o-mini': [0.15, 0.6],
  'gpt-4.1': [2, 8],
  'gpt-4.1-mini': [0.4, 1.6],
  'gpt-4.1-nano': [0.1, 0.4],
  'gpt-4-turbo': [10, 30],
  'gpt-3.5-turbo': [0.5, 1.5],
  o1: [15, 60],
  o3: [2, 8],
  'o3-mini': [1.1, 4.4],
  'o4-mini': [1.1, 4.4],
  'gpt-5': [1.25, 10],
  'gpt-5-mini': [0.25, 2],
  'gpt-5-nano': [0.05, 0.4],
  'claude-3-5-haiku': [0.8, 4],
  'claude-3-5-sonnet': [3, 15],
  'claude-3-7-sonnet': [3, 15],
  'claude-sonnet-4': [3, 15],
  'claude-opus-4': [15, 75],
  'claude-opus-4-1': [15, 75],
  'claude-haiku-4-5': [1, 5],
  'claude-sonnet-4-5': [3, 15],
  'claude-opus-4-5': [5, 25],
}

/**
 * The cost in USD of a call to an OpenAI or Anthropic model from its token usage, or undefined
 * when the model is not in the small built-in price table.
 *
 * @example
 * computeCost('openai', 'gpt-4o-mini', { prompt_tokens: 1000, completion_tokens: 100 }) // 0.00021
 */
export function computeCost(
  kind: ProviderKind,
  modelId: string,
  usage: Record<string, unknown>,
): number | undefined {
  if (kind === 'openai-compatible') return undefined
  const family = modelId.replace(/-(\d{4}-\d{2}-\d{2}|\d{8}|latest)$/, '')
  const prices = pricesPerMillionTokens[family]
  const input = usage.prompt_tokens
  const output = usage.completion_tokens
  if (!prices || typeof input !== 'number' || typeof output !== 'number') return undefined
  return (input * prices[0] + output * prices[1]) / 1_000_000
}

/** The text of a message's content (text parts joined by newlines). */
export function messageText(content: ChatMessage['content']): string {
  if (typeof content === 'string') return content
  if (content === null || content === undefined) return ''
  return content
    .map((part) => (part.type === 'text' ? String((part as { text: unknown }).text) : ''))
    .join('\n')
}

function dataUrlMediaType(url: string, fallback: string): string {
  return /^data:([^;,]+)/.exec(url)?.[1] ?? fallback
}

type UserPart = Exclude<Extract<ModelMessage, { role: 'user' }>['content'], string>[number]

function userPart(part: ChatContentPart): UserPart {
  const record = part as Record<string, unknown>
  if (part.type === 'text') return { type: 'text', text: String(record.text) }
  if (part.type === 'image_url') {
    const url = (record.image_url as { url: string }).url
    return { type: 'image', image: new URL(url) }
  }
  if (part.type === 'file') {
    const file = record.file as { file_data?: string; file_id?: string; filename?: string }
    const data = file.file_data ?? file.file_id ?? ''
    const mediaType = dataUrlMediaType(data, 'application/octet-stream')
    return {
      type: 'file',
      data: data.startsWith('data:') ? new URL(data) : data,
      mediaType,
      filename: file.filename,
    }
  }
  if (part.type === 'input_audio') {
    const audio = record.input_audio as { data: string; format: string }
    return { type: 'file', data: audio.data, mediaType: `audio/${audio.format}` }
  }
  return { type: 'text', text: JSON.stringify(part) }
}

interface OpenAiToolCall {
  id: string
  function: { name: string; arguments: string }
}

function parseArguments(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/**
 * OpenAI chat-completions messages (what DSPy's adapters build) as AI SDK model messages: text
 * and image/file parts, assistant tool calls and tool results.
 *
 * @example
 * toModelMessages([{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }])
 */
export function toModelMessages(messages: readonly ChatMessage[]): ModelMessage[] {
  const toolNames = new Map<string, string>()
  return messages.map((message): ModelMessage => {
    if (message.role === 'system' || message.role === 'developer') {
      return { role: 'system', content: messageText(message.content) }
    }
    if (message.role === 'assistant') {
      const calls = (message.tool_calls as OpenAiToolCall[] | undefined) ?? []
      if (calls.length === 0) return { role: 'assistant', content: messageText(message.content) }
      const text = messageText(message.content)
      return {
        role: 'assistant',
        content: [
          ...(text ? [{ type: 'text' as const, text }] : []),
          ...calls.map((call) => {
            toolNames.set(call.id, call.function.name)
            const input = parseArguments(call.function.arguments)
            return {
              type: 'tool-call' as const,
              toolCallId: call.id,
              toolName: call.function.name,
              input,
            }
          }),
        ],
      }
    }
    if (message.role === 'tool') {
      const toolCallId = String(message.tool_call_id ?? '')
      const toolName = toolNames.get(toolCallId) ?? String(message.name ?? 'tool')
      const output = { type: 'text' as const, value: messageText(message.content) }
      return { role: 'tool', content: [{ type: 'tool-result', toolCallId, toolName, output }] }
    }
    if (typeof message.content === 'string') return { role: 'user', content: message.content }
    return { role: 'user', content: (message.content ?? []).map(userPart) }
  })
}
