import { ChatAdapter } from '../adapters/chat-adapter.ts'
import { BaseLM } from '../lm/base-lm.ts'
import type { ChatMessage, LmRequest, LmResponse } from '../lm/lm-types.ts'

/** Options of {@link DummyLM}. */
export interface DummyLmOptions {
  /** Answer with the assistant turn of the demo whose input matches the current input. */
  followExamples?: boolean
  /** Add `reasoning_content: "Some reasoning"` to every choice. */
  reasoning?: boolean
  /** The adapter whose answer format is used (ChatAdapter by default). */
  adapter?: ChatAdapter
}

type Answers = Record<string, unknown>[] | Record<string, Record<string, unknown>>

const headerPattern = /^\[\[ ## ([\p{L}\p{N}_]+) ## \]\]/u

function textOf(message: ChatMessage | undefined): string {
  if (!message) return ''
  return typeof message.content === 'string' ? message.content : ''
}

/**
 * DSPy's scripted LM for tests (`dspy.utils.DummyLM`), with the same three modes: a list of
 * answers returned in order, a record keyed by text found in the last message, or
 * `followExamples` to copy the matching demo's answer. Records are written in the adapter's
 * format; when the list runs out, the answer is `{ answer: 'No more responses' }`.
 *
 * @example
 * const lm = new DummyLM([{ reasoning: 'Add.', answer: '4' }])
 * configure({ lm })
 */
export class DummyLM extends BaseLM {
  readonly answers: Answers
  private position = 0
  readonly followExamples: boolean
  readonly reasoning: boolean
  readonly adapter: ChatAdapter

  constructor(answers: Answers, options: DummyLmOptions = {}) {
    super('dummy', { modelType: 'chat', temperature: 0, maxTokens: 1000, cache: true })
    this.answers = answers
    this.followExamples = options.followExamples ?? false
    this.reasoning = options.reasoning ?? false
    this.adapter = options.adapter ?? new ChatAdapter()
  }

  private nextAnswer(messages: ChatMessage[]): string {
    if (this.followExamples) return this.useExample(messages) ?? ''
    if (!Array.isArray(this.answers)) {
      const last = textOf(messages[messages.length - 1])
      const match = Object.entries(this.answers).find(([key]) => last.includes(key))
      return match ? this.adapter.formatAnswerFields(match[1]) : 'No more responses'
    }
    const answer = this.answers[this.position] ?? { answer: 'No more responses' }
    this.position += 1
    return this.adapter.formatAnswerFields(answer)
  }

  private useExample(messages: ChatMessage[]): string | undefined {
    const counts = new Map<string, number>()
    for (const message of messages) {
      const match = headerPattern.exec(textOf(message))
      if (match) counts.set(match[0], (counts.get(match[0]) ?? 0) + 1)
    }
    const maxCount = Math.max(...counts.values())
    const outputFields = [...counts]
      .filter(([, count]) => count !== maxCount)
      .map(([field]) => field)
    const finalInput = textOf(messages[messages.length - 1]).split('\n\n')[0] ?? ''
    for (let index = messages.length - 2; index >= 0; index -= 1) {
      const input = textOf(messages[index])
      const output = textOf(messages[index + 1])
      if (outputFields.some((field) => output.includes(field)) && input.includes(finalInput))
        return output
    }
    return undefined
  }

  protected async forward(request: LmRequest & { cache: boolean }): Promise<LmResponse> {
    const n = (request.kwargs.n as number | undefined) ?? 1
    const choices = Array.from({ length: n }, () => ({
      text: this.nextAnswer(request.messages),
      finishReason: 'stop',
      ...(this.reasoning ? { reasoningContent: 'Some reasoning' } : {}),
    }))
    return {
      choices,
      usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
      model: 'dummy',
    }
  }
}
