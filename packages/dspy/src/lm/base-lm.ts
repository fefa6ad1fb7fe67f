import { randomUUID } from 'node:crypto'
import type { Callback } from '../callbacks/callback.ts'
import { runWithCallbacks } from '../callbacks/with-callbacks.ts'
import { PyFloat } from '../python/py-float.ts'
import { settings } from '../settings/settings.ts'
import type { ChatMessage, LmHistoryEntry, LmOutput, LmRequest, LmResponse } from './lm-types.ts'
import type { UsageTracker } from './usage-tracker.ts'

/** Entries kept in the process-wide history (DSPy's `GLOBAL_HISTORY`). */
export const globalHistory: LmHistoryEntry[] = []
const maxGlobalHistory = 10_000

/** Options every LM takes; extra keys become LiteLLM-style keyword arguments. */
export interface BaseLmOptions {
  modelType?: 'chat' | 'text' | 'responses'
  temperature?: number | null
  maxTokens?: number | null
  cache?: boolean
  numRetries?: number
  callbacks?: Callback[]
  /** Extra provider keyword arguments, snake_case as DSPy stores them (n, top_p, rollout_id, ...). */
  kwargs?: Record<string, unknown>
}

/** Arguments of one LM call: messages or a prompt, plus per-call keyword arguments. */
export interface LmCallArguments {
  messages?: ChatMessage[]
  prompt?: string
  /** Per-call keyword arguments (snake_case), merged over the LM's own. */
  kwargs?: Record<string, unknown>
}

interface HistoryHolder {
  history: LmHistoryEntry[]
}

/**
 * The LM contract of DSPy's `BaseLM`: `call()` runs callbacks, records history on the LM, on the
 * calling modules and globally, tracks usage, and turns the provider response into outputs.
 * Implementations provide `forward()` (one provider request, already merged).
 */
export abstract class BaseLM {
  readonly specificationVersion = 'dspyflow-lm-v1'
  model: string
  modelType: 'chat' | 'text' | 'responses'
  cache: boolean
  numRetries: number
  kwargs: Record<string, unknown>
  history: LmHistoryEntry[] = []
  callbacks: Callback[]

  constructor(model: string, options: BaseLmOptions = {}) {
    this.model = model
    this.modelType = options.modelType ?? 'chat'
    this.cache = options.cache ?? true
    this.numRetries = options.numRetries ?? 3
    this.callbacks = options.callbacks ?? []
    this.kwargs = {
      temperature: options.temperature ?? null,
      max_tokens: options.maxTokens ?? null,
      ...options.kwargs,
    }
    if (this.kwargs.rollout_id === null || this.kwargs.rollout_id === undefined)
      delete this.kwargs.rollout_id
  }

  /** Provider keyword arguments this LM understands (`response_format`, ...); empty when unknown. */
  get supportedParams(): string[] {
    return []
  }

  /** Whether the provider accepts a JSON schema for structured outputs. */
  get supportsResponseSchema(): boolean {
    return false
  }

  /** Whether the provider supports native function calling. */
  get supportsFunctionCalling(): boolean {
    return false
  }

  /** One provider request; `request.kwargs` already merges the LM's and the call's arguments. */
  protected abstract forward(request: LmRequest & { cache: boolean }): Promise<LmResponse>

  /** DSPy's `lm(messages=..., **kwargs)`: returns one output per choice. */
  call(args: LmCallArguments): Promise<LmOutput[]> {
    const inputs = {
      prompt: args.prompt ?? null,
      messages: args.messages ?? null,
      kwargs: args.kwargs ?? {},
    }
    return runWithCallbacks({
      kind: 'lm',
      instance: this,
      inputs,
      instanceCallbacks: this.callbacks,
      fn: () => this.callWithoutCallbacks(args),
    })
  }

  private async callWithoutCallbacks(args: LmCallArguments): Promise<LmOutput[]> {
    const callKwargs = { ...args.kwargs }
    const cache = (callKwargs.cache as boolean | undefined) ?? this.cache
    delete callKwargs.cache
    const messages: ChatMessage[] = args.messages ?? [{ role: 'user', content: args.prompt ?? '' }]
    const kwargs: Record<string, unknown> = { ...this.kwargs, ...callKwargs }
    if (kwargs.rollout_id === null || kwargs.rollout_id === undefined) delete kwargs.rollout_id
    const response = await this.forward({ messages, kwargs, cache })
    const outputs = processCompletion(response)
    this.record({ args, callKwargs, response, outputs })
    return outputs
  }

  private record(options: {
    args: LmCallArguments
    callKwargs: Record<string, unknown>
    response: LmResponse
    outputs: LmOutput[]
  }): void {
    const { response } = options
    const usage = response.cacheHit ? {} : { ...response.usage }
    if (settings.get('trackUsage') || settings.get('usageTracker')) {
      const tracker = settings.get('usageTracker') as UsageTracker | undefined
      if (tracker && !response.cacheHit) tracker.addUsage(this.model, usage)
    }
    if (settings.get('disableHistory')) return
    const entry: LmHistoryEntry = {
      prompt: options.args.prompt ?? null,
      messages: options.args.messages ?? null,
      kwargs: Object.fromEntries(
        Object.entries(options.callKwargs).filter(([key]) => !key.startsWith('api_')),
      ),
      response,
      outputs: options.outputs,
      usage,
      cost: response.cost ?? null,
      timestamp: new Date().toISOString(),
      uuid: randomUUID(),
      model: this.model,
      response_model: response.model ?? null,
      model_type: this.modelType,
    }
    const maxSize = settings.get('maxHistorySize')
    const push = (list: LmHistoryEntry[], cap: number) => {
      if (cap <= 0) return
      list.push(entry)
      if (list.length > cap) list.splice(0, list.length - cap)
    }
    push(globalHistory, maxGlobalHistory)
    push(this.history, maxSize)
    for (const module of settings.get('callerModules') as HistoryHolder[])
      push(module.history, maxSize)
  }

  /** A copy with fresh history; each override sets a known attribute or a keyword argument (null removes it). */
  copy(overrides: Record<string, unknown> = {}): this {
    const copy = Object.create(Object.getPrototypeOf(this)) as this
    Object.assign(copy, this)
    copy.history = []
    copy.kwargs = { ...this.kwargs }
    for (const [key, value] of Object.entries(overrides)) {
      const attribute = (
        {
          model: 'model',
          cache: 'cache',
          num_retries: 'numRetries',
          numRetries: 'numRetries',
        } as const
      )[key as 'model']
      if (attribute) (copy as Record<string, unknown>)[attribute] = value
      if (!attribute || key in copy.kwargs) {
        if (value === null || value === undefined) delete copy.kwargs[key]
        else copy.kwargs[key] = value
      }
    }
    return copy
  }

  /** The state DSPy saves for an LM (3.3 key order); the API key never appears. */
  dumpState(): Record<string, unknown> {
    const kwargs = Object.fromEntries(
      Object.entries(this.kwargs)
        .filter(([key]) => key !== 'api_key')
        .map(([key, value]) => [
          key,
          key === 'temperature' && typeof value === 'number' ? new PyFloat(value) : value,
        ]),
    )
    return {
      _dspy_lm_class: 'dspy.clients.lm.LM',
      model: this.model,
      model_type: this.modelType,
      cache: this.cache,
      num_retries: this.numRetries,
      ...kwargs,
      finetuning_model: null,
      launch_kwargs: {},
      train_kwargs: {},
    }
  }
}

/** DSPy's `_process_completion`: per choice the text (plus reasoning, tool calls); plain strings when only text. */
export function processCompletion(response: LmResponse): LmOutput[] {
  const outputs = response.choices.map((choice) => {
    const output: Exclude<LmOutput, string> = { text: choice.text }
    if (choice.reasoningContent) output.reasoning_content = choice.reasoningContent
    if (choice.toolCalls && choice.toolCalls.length > 0) output.tool_calls = choice.toolCalls
    if (choice.logprobs !== undefined) output.logprobs = choice.logprobs
    return output
  })
  if (outputs.every((output) => Object.keys(output).length === 1))
    return outputs.map((output) => output.text ?? '')
  return outputs
}
