import { ChatAdapter } from '../adapters/chat-adapter.ts'
import { applyArithmetic } from '../datasets/arithmetic-problem-parser.ts'
import { BaseLM, type BaseLmOptions } from '../lm/base-lm.ts'
import type { ChatMessage, LmRequest, LmResponse } from '../lm/lm-types.ts'
import { PythonRandom } from '../python/python-random.ts'
import { simulatedMetaAnswer } from './simulated-meta-answers.ts'
import { readPrompt, type SimulatedPromptReading, textOf } from './simulated-prompt-reader.ts'

// Prompt reading and the optimizers' meta-prompt answers live in their own modules;
// re-exported so this module keeps its exports.
export { simulatedInstructionCandidates } from './simulated-meta-answers.ts'

/** The accuracy model of {@link SimulatedLM}: p = clamp(base + bonuses − penalties, min, max). */
export interface SimulatedAccuracyModel {
  /** Zero-shot chance of a right answer (0.35). */
  base: number
  /** Bonus when a `reasoning` output field is requested, as ChainOfThought does (0.07). */
  reasoning: number
  /** Bonus per demo whose answer is right for its question (0.08), counted up to `maxCountedDemos` (4). */
  perCorrectDemo: number
  maxCountedDemos: number
  /** Penalty per demo with a wrong answer (0.10). */
  perWrongDemo: number
  /** Bonus when the instructions ask for careful work (0.12); see {@link carefulInstructionKeywords}. */
  careful: number
  /** Penalty per operation beyond the first (0.05). */
  perExtraStep: number
  /** Bounds of p (0.02 and 0.97); set both to 1 for an always-right model. */
  min: number
  max: number
}

/** Options of {@link SimulatedLM}. */
export interface SimulatedLmOptions extends Omit<BaseLmOptions, 'modelType'> {
  /** Mixed into every hash: another seed gives other (equally likely) answers. Default 0. */
  seed?: number
  accuracy?: Partial<SimulatedAccuracyModel>
}

/** What SimulatedLM read from one prompt, and the chance it answers right. */
export interface SimulatedAssessment extends SimulatedPromptReading {
  careful: boolean
  probability: number
}

const defaultAccuracy: SimulatedAccuracyModel = {
  base: 0.35,
  reasoning: 0.07,
  perCorrectDemo: 0.08,
  maxCountedDemos: 4,
  perWrongDemo: 0.1,
  careful: 0.12,
  perExtraStep: 0.05,
  min: 0.02,
  max: 0.97,
}

/** Phrases (matched case-insensitively in the instructions) that count as asking for careful work. */
export const carefulInstructionKeywords = [
  'step by step',
  'step-by-step',
  'carefully',
  'careful',
  'show your work',
  'verify',
  'double-check',
  'double check',
  'check your',
  'meticulous',
]

function finalize(hash: number): number {
  let h = hash ^ (hash >>> 16)
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

/** Two FNV lanes (1a and 1), finalized as MurmurHash3 does, folded into a 53-bit seed. */
function hashSeed(text: string): number {
  let a = 0x811c9dc5
  let b = 0x050c5d1f
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index)
    a = Math.imul(a ^ code, 0x01000193)
    b = Math.imul(b, 0x01000193) ^ code
  }
  return (finalize(b) >>> 11) * 4294967296 + finalize(a)
}

/**
 * **Not a language model.** SimulatedLM is a deterministic stand-in (`model` =
 * `'simulated/arithmetic'`) that lets demos, optimizers, tracking and serving run with no API key.
 * It reads the ChatAdapter or JSONAdapter prompt (system instructions, demo pairs, the final
 * `question`, the requested output fields), solves the synthetic problems of
 * `generateArithmeticProblems` exactly, and then answers right with a probability that depends
 * on the prompt ({@link SimulatedAccuracyModel}): more demos whose answers are right, a
 * `reasoning` field, and instructions asking for careful work (any of
 * {@link carefulInstructionKeywords}) raise it; wrong demos and longer problems lower it. Wrong
 * answers are plausible slips (a skipped step, a flipped operation, an off-by-a-few result);
 * questions it cannot parse get a plausible wrong number. Randomness is a hash of (seed, the
 * messages, `rollout_id`, the choice index), so one prompt always gets one answer.
 *
 * It also answers the optimizers' meta-prompts: `proposed_instruction` / `new_instruction`
 * (picked by hash from {@link simulatedInstructionCandidates}), `observations` (`COMPLETE` when
 * prior observations are given), `summary`, `program_description`, `module_description`,
 * `proposed_prefix_for_output_field`, and a deterministic placeholder for any other field.
 * Usage is estimated from character counts (4 characters per token).
 *
 * @example
 * configure({ lm: new SimulatedLM({ seed: 0 }) })
 * const { dev } = syntheticArithmetic({ trainSize: 0, devSize: 10, testSize: 0 })
 * const prediction = await new ChainOfThought('question -> answer').call(dev[0].inputs().toDict())
 */
export class SimulatedLM extends BaseLM {
  readonly seed: number
  readonly accuracy: SimulatedAccuracyModel

  constructor(options: SimulatedLmOptions = {}) {
    super('simulated/arithmetic', { temperature: 0, maxTokens: 1000, ...options })
    this.seed = options.seed ?? 0
    this.accuracy = { ...defaultAccuracy, ...options.accuracy }
  }

  /** What the prompt asks and how likely a right answer is. */
  assess(messages: ChatMessage[]): SimulatedAssessment {
    const prompt = readPrompt(messages)
    const lowered = prompt.instructions.toLowerCase()
    const careful = carefulInstructionKeywords.some((keyword) => lowered.includes(keyword))
    const model = this.accuracy
    const steps = prompt.problem?.steps.length ?? 1
    const raw =
      model.base +
      (prompt.outputFields.some((field) => field.name === 'reasoning') ? model.reasoning : 0) +
      model.perCorrectDemo * Math.min(prompt.correctDemos, model.maxCountedDemos) -
      model.perWrongDemo * prompt.wrongDemos +
      (careful ? model.careful : 0) -
      model.perExtraStep * Math.max(0, steps - 1)
    const probability = Math.min(model.max, Math.max(model.min, raw))
    return { ...prompt, careful, probability }
  }

  protected async forward(request: LmRequest & { cache: boolean }): Promise<LmResponse> {
    const assessment = this.assess(request.messages)
    const promptText = request.messages.map((message) => `${message.role}:${textOf(message)}`)
    const rollout = request.kwargs.rollout_id ?? ''
    const count = Math.max(1, Number(request.kwargs.n ?? 1))
    const choices = Array.from({ length: count }, (_, index) => {
      const key = `${this.seed}|${rollout}|${index === 0 ? '' : index}|${promptText.join('\n')}`
      const values = this.answer(assessment, new PythonRandom(hashSeed(key)))
      const text = assessment.json
        ? JSON.stringify(values, null, 2)
        : `${new ChatAdapter().formatAnswerFields(values)}\n\n[[ ## completed ## ]]`
      return { text, finishReason: 'stop' }
    })
    const promptTokens = Math.ceil(promptText.join('').length / 4)
    const completionTokens = choices.reduce((sum, c) => sum + Math.ceil(c.text.length / 4), 0)
    return {
      choices,
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: completionTokens,
        total_tokens: promptTokens + completionTokens,
      },
      model: this.model,
    }
  }

  private answer(assessment: SimulatedAssessment, rng: PythonRandom): Record<string, unknown> {
    const right = rng.random() < assessment.probability
    const worked = workProblem(assessment, right, rng)
    const values: Record<string, unknown> = {}
    for (const { name, type } of assessment.outputFields) {
      if (name === 'answer')
        values.answer = /^(int|float)$/.test(type) ? worked.answer : String(worked.answer)
      else if (name === 'reasoning') values.reasoning = worked.reasoning
      else values[name] = simulatedMetaAnswer(name, type, assessment.inputs, rng)
    }
    return values
  }
}

function workProblem(
  assessment: SimulatedAssessment,
  right: boolean,
  rng: PythonRandom,
): { answer: number; reasoning: string } {
  const problem = assessment.problem
  if (!problem) {
    const numbers = (assessment.inputs.question ?? '').replaceAll(',', '').match(/\d+/g) ?? []
    const guess =
      numbers.length > 0 ? Number(rng.choice(numbers)) + rng.randint(1, 9) : rng.randint(2, 99)
    return {
      answer: guess,
      reasoning: 'I cannot follow every step of this problem, so I estimate.',
    }
  }
  let steps = problem.steps
  if (!right) {
    const slip = rng.randint(0, 2)
    const at = rng.randrange(steps.length)
    if (slip === 0 && steps.length > 1) steps = steps.filter((_, index) => index !== at)
    else if (slip === 1) {
      const flipped = { add: 'sub', sub: 'add', mul: 'add', div: 'sub' } as const
      steps = steps.map((step, index) =>
        index === at ? { ...step, operation: flipped[step.operation] } : step,
      )
    }
  }
  const unit = problem.money ? '' : ` ${problem.items}`
  const lines = [`Start with ${problem.money ? '$' : ''}${problem.start}${unit}.`]
  let value = problem.start
  let answer = value
  for (const [index, step] of steps.entries()) {
    value = applyArithmetic(value, step.operation, step.operand)
    const symbol = { add: '+', sub: '-', mul: '*', div: '/' }[step.operation]
    const before = answer
    answer = Math.round(value)
    if (!right && index === steps.length - 1 && answer === problem.answer)
      answer += rng.choice([-3, -2, -1, 1, 2, 3, 10])
    lines.push(`${before} ${symbol} ${step.operand} = ${answer}.`)
    value = answer
  }
  lines.push(`So the answer is ${answer}.`)
  return { answer, reasoning: lines.join(' ') }
}
