import { InvalidArgumentError } from '../errors/dspy-error.ts'
import { registerLmStateLoader } from '../predict/load-lm-state.ts'
import { settings } from '../settings/settings.ts'
import { providerPrompt, runProviderCall, sumUsage } from './ai-sdk-call.ts'
import { mapKwargs } from './ai-sdk-kwargs.ts'
import { BaseLM, type BaseLmOptions } from './base-lm.ts'
import { streamSink } from './lm-stream.ts'
import type { ChatMessage, LmChoice, LmRequest, LmResponse } from './lm-types.ts'
import { computeCost } from './model-pricing.ts'
import {
  getProviderDefinition,
  isOpenAiReasoningModel,
  parseModelName,
  resolveLanguageModel,
} from './provider-registry.ts'
import { getCache, type RequestCache } from './request-cache.ts'
import { toLmError, withRetries } from './retry.ts'
import { Secret } from './secret.ts'

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

  /**
   * The provider request (DSPy's `litellm_completion`): everything after the cache. Subclasses
   * may replace it, e.g. with an in-process responder for benchmarks.
   */
  protected async complete(
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
      const prompt = providerPrompt(this.modelType, messages)
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
