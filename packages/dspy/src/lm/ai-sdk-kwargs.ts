import {
  type generateText,
  type JSONSchema7,
  jsonSchema,
  type OutputInterface,
  type ToolChoice,
  type ToolSet,
  tool,
} from 'ai'
import type { ResolvedModel } from './provider-registry.ts'

export type GenerateOptions = Parameters<typeof generateText>[0]

/** One provider request in AI SDK terms, and how many times to make it (`n`). */
export interface ProviderCall {
  options: Partial<GenerateOptions>
  count: number
  wantLogprobs: boolean
}

const settingNames: Record<string, string> = {
  temperature: 'temperature',
  max_tokens: 'maxOutputTokens',
  max_completion_tokens: 'maxOutputTokens',
  top_p: 'topP',
  top_k: 'topK',
  presence_penalty: 'presencePenalty',
  frequency_penalty: 'frequencyPenalty',
  seed: 'seed',
}
const notForProvider = new Set([
  'rollout_id',
  'api_key',
  'api_base',
  'base_url',
  'stream',
  'stream_options',
  'num_retries',
  'cache',
])

function passthroughOutput(
  format: Awaited<OutputInterface['responseFormat']>,
): OutputInterface<string, string, never> {
  return {
    name: 'text',
    responseFormat: Promise.resolve(format),
    parseCompleteOutput: async ({ text }) => text,
    parsePartialOutput: async ({ text }) => ({ partial: text }),
    createElementStreamTransform: () => undefined,
  }
}

function responseFormatOutput(value: unknown): OutputInterface<string, string, never> | undefined {
  const format = value as {
    type?: string
    json_schema?: { name?: string; description?: string; schema?: unknown }
  }
  if (format.type === 'json_object') return passthroughOutput({ type: 'json' })
  if (format.type !== 'json_schema') return undefined
  const { name, description, schema } = format.json_schema ?? {}
  return passthroughOutput({
    type: 'json',
    schema: schema as JSONSchema7 | undefined,
    name,
    description,
  })
}

function toToolSet(value: unknown): ToolSet {
  const tools: ToolSet = {}
  for (const entry of value as {
    function?: { name: string; description?: string; parameters?: unknown }
  }[]) {
    if (!entry.function?.name) continue
    const parameters = (entry.function.parameters ?? {
      type: 'object',
      properties: {},
    }) as JSONSchema7
    tools[entry.function.name] = tool({
      description: entry.function.description,
      inputSchema: jsonSchema(parameters),
    })
  }
  return tools
}

function toToolChoice(value: unknown): ToolChoice<ToolSet> | undefined {
  if (value === 'auto' || value === 'none' || value === 'required') return value
  const name = (value as { function?: { name?: string } }).function?.name
  return name ? { type: 'tool', toolName: name } : undefined
}

const camelCase = (name: string) =>
  name.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase())

/**
 * DSPy's keyword arguments as AI SDK call settings: temperature, max_tokens (→ maxOutputTokens),
 * top_p, stop, seed, n (→ repeated calls), response_format (→ JSON / structured output), tools
 * and tool_choice; anything else goes to `providerOptions` (camelCased for OpenAI/Anthropic, as
 * is for OpenAI-compatible servers, which copy them into the request body).
 */
export function mapKwargs(kwargs: Record<string, unknown>, resolved: ResolvedModel): ProviderCall {
  const options: Record<string, unknown> = {}
  const extra: Record<string, unknown> = {}
  let count = 1
  for (const [name, value] of Object.entries(kwargs)) {
    if (value === null || value === undefined || notForProvider.has(name)) continue
    const setting = settingNames[name]
    if (setting) options[setting] = Number(value)
    else if (name === 'stop') options.stopSequences = Array.isArray(value) ? value : [value]
    else if (name === 'n') count = Math.max(1, Math.trunc(Number(value)) || 1)
    else if (name === 'headers') options.headers = value
    else if (name === 'tools') options.tools = toToolSet(value)
    else if (name === 'tool_choice') options.toolChoice = toToolChoice(value)
    else if (name === 'response_format') {
      options.output = responseFormatOutput(value)
      const strict = (value as { json_schema?: { strict?: unknown } }).json_schema?.strict
      if (strict === false) extra.strict_json_schema = false
    } else extra[name] = value
  }
  const compatible = resolved.kind === 'openai-compatible'
  const named = Object.entries(extra).map(([name, value]) => [
    compatible && name !== 'strict_json_schema' ? name : camelCase(name),
    value,
  ])
  options.providerOptions = {
    [resolved.providerOptionsKey]: JSON.parse(JSON.stringify(Object.fromEntries(named))),
  }
  return {
    options: options as Partial<GenerateOptions>,
    count,
    wantLogprobs: Boolean(kwargs.logprobs),
  }
}
