import { BaseLM } from '../../../lm/base-lm.ts'
import type { ChatMessage, LmRequest, LmResponse } from '../../../lm/lm-types.ts'
import { Example } from '../../../primitives/example.ts'

/** Addition questions `What is a + b?` (the same formula as conformance/dspy/mipro_side.py). */
export function additionExamples(start: number, count: number): Example[] {
  return Array.from({ length: count }, (_, offset) => {
    const index = start + offset
    const a = index % 23
    const b = (index * 7) % 10
    return new Example({ question: `What is ${a} + ${b}?`, answer: String(a + b) }).withInputs(
      'question',
    )
  })
}

const metaFields = [
  'proposed_instruction',
  'observations',
  'summary',
  'program_description',
  'module_description',
]

function answerText(fields: Record<string, string>): string {
  return `${Object.entries(fields)
    .map(([name, value]) => `[[ ## ${name} ## ]]\n${value}\n\n`)
    .join('')}[[ ## completed ## ]]`
}

const textOf = (message: ChatMessage | undefined) => String(message?.content ?? '')

/**
 * A scripted LM for MIPROv2 tests whose answers depend only on the messages: the proposer's
 * meta-prompts get fixed texts (the proposal names the tip it saw), and an addition question is
 * answered right or wrong by a formula over the question, the number of demos and the system
 * message (so the instruction and demos change the score). Every request is recorded.
 */
export class ScriptedMiproLM extends BaseLM {
  readonly requests: ChatMessage[][] = []
  readonly rolloutIds: unknown[] = []

  constructor() {
    super('scripted', { modelType: 'chat', temperature: 0, maxTokens: 1000, cache: false })
  }

  protected async forward(request: LmRequest & { cache: boolean }): Promise<LmResponse> {
    const messages = request.messages ?? []
    this.requests.push(messages)
    if (request.kwargs.rollout_id !== undefined) this.rolloutIds.push(request.kwargs.rollout_id)
    const n = (request.kwargs.n as number | undefined) ?? 1
    const text = this.respond(messages)
    return {
      choices: Array.from({ length: n }, () => ({ text, finishReason: 'stop' })),
      usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
      model: 'scripted',
    }
  }

  /** The number of recorded requests asking for `field`. */
  countOf(field: string): number {
    return this.requests.filter((messages) =>
      textOf(messages[messages.length - 1]).includes(`\`[[ ## ${field} ## ]]\``),
    ).length
  }

  private respond(messages: ChatMessage[]): string {
    const last = textOf(messages[messages.length - 1])
    const system = textOf(messages[0])
    const field = metaFields.find((name) => last.includes(`\`[[ ## ${name} ## ]]\``))
    if (field === 'proposed_instruction') {
      const tip = /\[\[ ## tip ## \]\]\n([^\n]*)/.exec(last)?.[1] ?? 'no tip'
      return answerText({ proposed_instruction: `Proposed Instruction: "Add them (${tip})."` })
    }
    if (field) return answerText({ [field]: `${field.replace('_', ' ')}: about additions` })
    if (last.includes('`[[ ## hint ## ]]`')) return answerText({ hint: 'add' })
    const match = /What is (\d+) \+ (\d+)\?/.exec(last)
    if (!match) return answerText({ answer: 'No more responses' })
    const a = Number(match[1])
    const b = Number(match[2])
    const demos = Math.floor((messages.length - 2) / 2)
    let bonus = 0
    for (const character of system) bonus += character.codePointAt(0)!
    const correct = (3 * a + b + demos + (bonus % 5)) % 4 !== 0
    return answerText({ answer: correct ? String(a + b) : 'unknown' })
  }
}
