import { generateText, type LanguageModelUsage, type ModelMessage, streamText } from 'ai'
import type { GenerateOptions, ProviderCall } from './ai-sdk-kwargs.ts'
import type { LmStreamSink } from './lm-stream.ts'
import type { ChatMessage, LmChoice } from './lm-types.ts'
import { messageText, toModelMessages } from './model-messages.ts'
import type { ResolvedModel } from './provider-registry.ts'

/** What the provider is asked: one prompt string (`text` models) or chat messages. */
export type ProviderPrompt = { prompt: string } | { messages: ModelMessage[] }

/**
 * DSPy's messages in the form the model type takes: `text` models get the message texts joined
 * into one prompt ending in `BEGIN RESPONSE:`, the others AI SDK model messages.
 *
 * @example
 * providerPrompt('text', [{ role: 'user', content: 'Hi' }]) // { prompt: 'Hi\n\nBEGIN RESPONSE:' }
 */
export function providerPrompt(
  modelType: 'chat' | 'text' | 'responses',
  messages: ChatMessage[],
): ProviderPrompt {
  return modelType === 'text'
    ? {
        prompt: [
          ...messages.map((message) => messageText(message.content)),
          'BEGIN RESPONSE:',
        ].join('\n\n'),
      }
    : { messages: toModelMessages(messages) }
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

export interface CallOutcome {
  choice: LmChoice
  usage: Record<string, unknown>
  model: string | undefined
}

/** One provider request through `generateText`, or `streamText` with deltas sent to the sink. */
export async function runProviderCall(args: {
  resolved: ResolvedModel
  prompt: ProviderPrompt
  call: ProviderCall
  stream: { sink: LmStreamSink; model: string; predictor: unknown } | undefined
}): Promise<CallOutcome> {
  const options = {
    model: args.resolved.languageModel,
    ...args.prompt,
    ...args.call.options,
    // DSPy's adapters put the system prompt in the messages; retries are ours.
    allowSystemInMessages: true,
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
/** Usage dicts added key by key (nested details too): the usage of `n` calls as one. */
export function sumUsage(usages: Record<string, unknown>[]): Record<string, unknown> {
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
