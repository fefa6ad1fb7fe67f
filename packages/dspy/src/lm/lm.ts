import { inspect } from 'node:util'
import {
  generateText,
  type JSONSchema7,
  type LanguageModelUsage,
  type ModelMessage,
  type OutputInterface,
  streamText,
  type ToolChoice,
  type ToolSet,
  tool,
  jsonSchema,
} from 'ai'
import { InvalidArgumentError } from '../errors/dspy-error.ts'
import { registerLmStateLoader } from '../predict/load-lm-state.ts'
import { settings } from '../settings/settings.ts'
import { BaseLM, type BaseLmOptions } from './base-lm.ts'
import type { ChatMessage, LmChoice, LmRequest, LmResponse } from './lm-types.ts'
import {
  computeCost,
  getProviderDefinition,
  isOpenAiReasoningModel,
  messageText,
  parseModelName,
  type ResolvedModel,
  resolveLanguageModel,
  toModelMessages,
} from './provider-registry.ts'
import { getCache, type RequestCache } from './request-cache.ts'
import { toLmError, withRetries } from './retry.ts'

/** Options of {@link LM}: DSPy's constructor arguments plus connection and test seams. */
export interface LmOptions extends BaseLmOptions {
  /** API key; default from the provider's environment variable (OPENAI_API_KEY, ...). Never stored in kwargs. */
  apiKey?: string
  /** Base URL of the provider's API (stored as the `api_base` keyword argument, as DSPy does). */
  apiBase?: string
  /** The `fetch` the provider uses (tests, proxies). */
  fetch?: typeof globalThis.fetch
  /** A cache for this LM instead of the process-wide one ({@link configureCache}). */
  cacheStore?: RequestCache
  /** How retries wait (tests inject a no-op). */
  sleep?: (milliseconds: number) => Promise<void>
}

/** Holds a secret so that JSON, `inspect` and string conversion never show it. */
class Secret {
  readonly #value: string
  constructor(value: string) {
    this.#value = value
  }
  reveal(): string {
    return this.#value
  }
  toJSON(): string {
    return '[redacted]'
  }
  toString(): string {
    return '[redacted]'
  }
  [inspect.custom](): string {
    return '[redacted]'
  }
}

const fnIdentifiers = {
  chat: 'dspy.clients.lm.litellm_completion',
  text: 'dspy.clients.lm.litellm_text_completion',
  responses: 'dspy.clients.lm.litellm_responses_completion',
} as const

const commonParams = [
  'temperature',
  'max_tokens',
  'max_completion_tokens',
  'top_p',
  'stop',
  'seed',
  'n',
  'frequency_penalty',
  'presence_penalty',
  'response_format',
  'tools',
  'tool_choice',
]

/** One streamed text delta, tagged with the predictor whose LM call produced it. */
export interface LmStreamChunk {
  type: 'lm-chunk'
  model: string
  predictor: unknown
  delta: string
}

/** What `settings.sendStream` must be: something that accepts chunks. */
export interface LmStreamSink {
  send(chunk: LmStreamChunk): void | Promise<void>
}

type GenerateOptions = Parameters<typeof generateText>[0]

/** One provider request in AI SDK terms, and how many times to make it (`n`). */
interface ProviderCall {
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

const finishReasonNames: Record<string, string> = {
  stop: 'stop',
  length: 'length',
  'content-filter': 'content_filter',
  'tool-calls': 'tool_calls',
}

interface StepOutcome {
  text: string
  reasoningText: string | undefined
  toolCalls: { toolCallId: string; toolName: string; input: unknown }[]
  finishReason: string
  rawFinishReason: string | undefined
  providerMetadata: Record<string, Record<string, unknown>> | undefined
}

function toChoice(outcome: StepOutcome, wantLogprobs: boolean): LmChoice {
  const toolCalls = outcome.toolCalls.map((call) => ({
    id: call.toolCallId,
    name: call.toolName,
    args: (call.input ?? {}) as Record<string, unknown>,
  }))
  const choice: LmChoice = {
    text: toolCalls.length > 0 && outcome.text === '' ? null : outcome.text,
    finishReason:
      finishReasonNames[outcome.finishReason] ?? outcome.rawFinishReason ?? outcome.finishReason,
  }
  if (outcome.reasoningText) choice.reasoningContent = outcome.reasoningText
  if (toolCalls.length > 0) choice.toolCalls = toolCalls
  const logprobs = outcome.providerMetadata?.openai?.logprobs
  if (wantLogprobs && logprobs !== undefined) choice.logprobs = { content: logprobs }
  return choice
}

/** OpenAI's usage dict: the provider's own when it speaks OpenAI, else built from the counts. */
function toUsage(usage: LanguageModelUsage): Record<string, unknown> {
  if (typeof usage.raw?.prompt_tokens === 'number') return structuredClone(usage.raw)
  const prompt = usage.inputTokens ?? 0
  const completion = usage.outputTokens ?? 0
  const result: Record<string, unknown> = {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: usage.totalTokens ?? prompt + completion,
  }
  const cached = usage.inputTokenDetails?.cacheReadTokens
  const reasoning = usage.outputTokenDetails?.reasoningTokens
  if (cached) result.prompt_tokens_details = { cached_tokens: cached }
  if (reasoning) result.completion_tokens_details = { reasoning_tokens: reasoning }
  return result
}

interface CallOutcome {
  choice: LmChoice
  usage: Record<string, unknown>
  model: string | undefined
}

/** One provider request through `generateText`, or `streamText` with deltas sent to the sink. */
async function runProviderCall(args: {
  resolved: ResolvedModel
  prompt: { prompt: string } | { messages: ModelMessage[] }
  call: ProviderCall
  stream: { sink: LmStreamSink; model: string; predictor: unknown } | undefined
}): Promise<CallOutcome> {
  const options = {
    model: args.resolved.languageModel,
    ...args.prompt,
    ...args.call.options,
    maxRetries: 0,
  }
  let result: Awaited<ReturnType<typeof generateText>> | ReturnType<typeof streamText>
  if (args.stream) {
    const { sink, model, predictor } = args.stream
    result = streamText({ ...options, onError: () => {} } as Parameters<typeof streamText>[0])
    for await (const part of result.fullStream) {
      if (part.type === 'text-delta') {
        await sink.send({ type: 'lm-chunk', model, predictor, delta: part.text })
      } else if (part.type === 'error') throw part.error
    }
  } else result = await generateText(options as GenerateOptions)
  // Generated results hold values, streamed ones promises: awaiting both gives the values.
  const [text, reasoningText, toolCalls, finishReason, rawFinishReason, usage, response, metadata] =
    await Promise.all([
      result.text,
      result.reasoningText,
      result.toolCalls,
      result.finishReason,
      result.rawFinishReason,
      result.usage,
      result.response,
      result.providerMetadata,
    ])
  const providerMetadata = metadata as StepOutcome['providerMetadata']
  const outcome = {
    text,
    reasoningText,
    toolCalls,
    finishReason,
    rawFinishReason,
    providerMetadata,
  }
  return {
    choice: toChoice(outcome, args.call.wantLogprobs),
    usage: toUsage(usage),
    model: response.modelId,
  }
}

function sumUsage(usages: Record<string, unknown>[]): Record<string, unknown> {
  const total: Record<string, unknown> = {}
  for (const usage of usages) {
    for (const [key, value] of Object.entries(usage)) {
      const previous = total[key]
      if (typeof value === 'number')
        total[key] = (typeof previous === 'number' ? previous : 0) + value
      else if (value && typeof value === 'object') {
        total[key] = sumUsage([
          (previous ?? {}) as Record<string, unknown>,
          value as Record<string, unknown>,
        ])
      }
    }
  }
  return total
}

function streamSink(value: unknown): LmStreamSink | undefined {
  const candidate = value as { send?: unknown } | undefined
  return typeof candidate?.send === 'function' ? (candidate as LmStreamSink) : undefined
}

/**
 * DSPy's `dspy.LM` over the Vercel AI SDK: LiteLLM-style model ids (`openai/gpt-4o-mini`,
 * `anthropic/claude-sonnet-4-5`, `ollama/llama3.2`, `vllm/...` with `apiBase`), DSPy's response
 * cache, retries with exponential backoff, `n` choices, JSON/structured output, tool calls,
 * streaming to `settings.sendStream`, and history entries with DSPy's keys.
 *
 * @example
 * const lm = new LM('openai/gpt-4o-mini', { temperature: 0, maxTokens: 1000 })
 * configure({ lm })
 * const [answer] = await lm.call({ messages: [{ role: 'user', content: 'Capital of France?' }] })
 */
export class LM extends BaseLM {
  /** The API key, hidden from JSON, `inspect` and `dumpState()`. */
  private readonly credentials: Secret | undefined
  private readonly fetchFunction: typeof globalThis.fetch | undefined
  private readonly cacheStore: RequestCache | undefined
  private readonly sleep: ((milliseconds: number) => Promise<void>) | undefined
  private warnedZeroTemperatureRollout: boolean

  constructor(model: string, options: LmOptions = {}) {
    super(model, LM.checkedOptions(model, options))
    const keyInKwargs = options.kwargs?.api_key
    const key = options.apiKey ?? (typeof keyInKwargs === 'string' ? keyInKwargs : undefined)
    this.credentials = key ? new Secret(key) : undefined
    delete this.kwargs.api_key
    if (options.apiBase !== undefined) this.kwargs.api_base = options.apiBase
    if (isOpenAiReasoningModel(model)) {
      this.kwargs = Object.fromEntries(
        Object.entries(this.kwargs).map(([name, value]) => [
          name === 'max_tokens' ? 'max_completion_tokens' : name,
          value,
        ]),
      )
    }
    this.fetchFunction = options.fetch
    this.cacheStore = options.cacheStore
    this.sleep = options.sleep
    this.warnedZeroTemperatureRollout = false
  }

  /**
   * DSPy's `BaseLM.load_state` for this class: an LM from a saved state (`dumpState()` output).
   *
   * @example
   * const lm = LM.fromState({ model: 'openai/gpt-4o-mini', temperature: 0, max_tokens: 100 })
   */
  static fromState(state: Record<string, unknown>): LM {
    const {
      _dspy_lm_class: _lmClass,
      model,
      model_type: modelType,
      cache,
      num_retries: numRetries,
      temperature,
      max_tokens: maxTokens,
      max_completion_tokens: maxCompletionTokens,
      finetuning_model: _finetuningModel,
      launch_kwargs: _launchKwargs,
      train_kwargs: _trainKwargs,
      use_developer_role: _useDeveloperRole,
      ...kwargs
    } = state
    return new LM(String(model), {
      modelType: (modelType as LmOptions['modelType']) ?? 'chat',
      cache: (cache as boolean | undefined) ?? true,
      numRetries: (numRetries as number | undefined) ?? 3,
      temperature: temperature === undefined || temperature === null ? null : Number(temperature),
      maxTokens: ((maxTokens ?? maxCompletionTokens) as number | null | undefined) ?? null,
      kwargs,
    })
  }

  private static checkedOptions(model: string, options: LmOptions): LmOptions {
    if (isOpenAiReasoningModel(model)) {
      const { temperature, maxTokens } = options
      if ((temperature && temperature !== 1) || (maxTokens && maxTokens < 16000)) {
        throw new InvalidArgumentError({
          message: `OpenAI reasoning models such as \`${model}\` only accept temperature 1.0 (or null) and maxTokens of at least 16000 (or null): new LM('${model}', { temperature: 1.0, maxTokens: 16000 }).`,
        })
      }
    }
    return options
  }

  private get providerKind() {
    return getProviderDefinition(parseModelName(this.model).providerName)?.kind
  }

  override get supportedParams(): string[] {
    return [...commonParams]
  }

  override get supportsResponseSchema(): boolean {
    return this.providerKind === 'openai' || this.providerKind === 'anthropic'
  }

  override get supportsFunctionCalling(): boolean {
    return this.providerKind === 'openai' || this.providerKind === 'anthropic'
  }

  /** DSPy's state; reasoning models save `max_completion_tokens` back under `max_tokens`. */
  override dumpState(): Record<string, unknown> {
    const state = super.dumpState()
    if (isOpenAiReasoningModel(this.model) && 'max_completion_tokens' in state) {
      const value = state.max_completion_tokens
      delete state.max_completion_tokens
      state.max_tokens = value
    }
    return state
  }

  protected async forward(request: LmRequest & { cache: boolean }): Promise<LmResponse> {
    const { messages, kwargs } = request
    this.warnZeroTemperatureRollout(kwargs)
    const cacheRequest = {
      model: this.model,
      messages,
      ...kwargs,
      _fn_identifier: fnIdentifiers[this.modelType],
    }
    const store = this.cacheStore ?? getCache()
    if (request.cache) {
      const hit = await store.get(cacheRequest)
      if (hit) return hit
    }
    const response = await this.complete(messages, kwargs)
    if (request.cache) await store.put(cacheRequest, response)
    this.warnOnTruncation(response)
    return response
  }

  private async complete(
    messages: ChatMessage[],
    kwargs: Record<string, unknown>,
  ): Promise<LmResponse> {
    const apiKey = typeof kwargs.api_key === 'string' ? kwargs.api_key : this.credentials?.reveal()
    const apiBase = (kwargs.api_base ?? kwargs.base_url ?? undefined) as string | undefined
    try {
      const resolved = resolveLanguageModel(this.model, this.modelType, {
        apiKey,
        apiBase,
        fetch: this.fetchFunction,
      })
      const call = mapKwargs(kwargs, resolved)
      const prompt =
        this.modelType === 'text'
          ? {
              prompt: [
                ...messages.map((message) => messageText(message.content)),
                'BEGIN RESPONSE:',
              ].join('\n\n'),
            }
          : { messages: toModelMessages(messages) }
      const retries = typeof kwargs.num_retries === 'number' ? kwargs.num_retries : this.numRetries
      const sink = streamSink(settings.get('sendStream'))
      const stream = sink && { sink, model: this.model, predictor: settings.get('callerPredict') }
      const once = () =>
        withRetries(() => runProviderCall({ resolved, prompt, call, stream }), {
          retries,
          sleep: this.sleep,
        })
      const runs: Awaited<ReturnType<typeof once>>[] = []
      if (stream) for (let index = 0; index < call.count; index++) runs.push(await once())
      else runs.push(...(await Promise.all(Array.from({ length: call.count }, once))))
      const usage = sumUsage(runs.map((run) => run.usage))
      const choices: LmChoice[] = runs.map((run) => run.choice)
      return {
        choices,
        usage,
        model: runs[0]?.model,
        cost: computeCost(resolved.kind, resolved.modelId, usage),
      }
    } catch (error) {
      throw toLmError(error, { model: this.model, secrets: apiKey ? [apiKey] : [] })
    }
  }

  private warnZeroTemperatureRollout(kwargs: Record<string, unknown>): void {
    if (this.warnedZeroTemperatureRollout || kwargs.rollout_id === undefined) return
    if (Number(kwargs.temperature) !== 0 || kwargs.temperature === null) return
    this.warnedZeroTemperatureRollout = true
    console.warn(
      'rollout_id has no effect when temperature is 0; use a temperature above 0 to get distinct samples.',
    )
  }

  private warnOnTruncation(response: LmResponse): void {
    if (this.modelType === 'responses') return
    if (!response.choices.some((choice) => choice.finishReason === 'length')) return
    const limit = this.kwargs.max_tokens ?? this.kwargs.max_completion_tokens
    console.warn(
      `LM response was truncated at max_tokens=${String(limit)}. Inspect recent LM calls with lm.history; ` +
        `a larger maxTokens helps, or a higher temperature (now ${String(this.kwargs.temperature)}) if the output repeats itself.`,
    )
  }
}

registerLmStateLoader((state) => LM.fromState(state))
