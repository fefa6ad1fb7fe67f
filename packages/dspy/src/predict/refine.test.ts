import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ChatAdapter } from '../adapters/chat-adapter.ts'
import { BaseLM } from '../lm/base-lm.ts'
import type { ChatMessage, LmRequest, LmResponse } from '../lm/lm-types.ts'
import { Example } from '../primitives/example.ts'
import { Module } from '../primitives/module.ts'
import type { Prediction } from '../primitives/prediction.ts'
import { configure, context, settings, type TraceStep } from '../settings/settings.ts'
import { Signature } from '../signatures/signature.ts'
import { ChainOfThought } from './chain-of-thought.ts'
import { Predict } from './predict.ts'
import { OfferFeedback, Refine, inspectModules, recursiveMask } from './refine.ts'

/** Answers from the prompt; copies share `calls`, so every attempt's arguments and messages are visible. */
class PromptLM extends BaseLM {
  readonly calls: { rolloutId: unknown; temperature: unknown; messages: ChatMessage[] }[] = []
  constructor(readonly answerFor: (prompt: string) => Record<string, unknown>) {
    super('prompt', { temperature: 0 })
  }
  protected async forward(request: LmRequest & { cache: boolean }): Promise<LmResponse> {
    const { rollout_id: rolloutId, temperature } = request.kwargs
    this.calls.push({ rolloutId, temperature, messages: request.messages })
    const text = new ChatAdapter().formatAnswerFields(
      this.answerFor(String(request.messages.at(-1)!.content)),
    )
    return { choices: [{ text, finishReason: 'stop' }], usage: {}, model: 'prompt' }
  }
}

const separator = '-'.repeat(80)
const pythonCotModules = `${separator}\nModule predict\n\tInput Fields:\n\t\t1. \`question\` (str):\n\tOutput Fields:\n\t\t1. \`reasoning\` (str): \n\t\t2. \`answer\` (str):\n\tOriginal Instructions: \n\t\tGiven the fields \`question\`, produce the fields \`answer\`.\n${separator}`

/** Printed by DSPy 3.3.1 for the OfferFeedback call of the Refine run below (from `modules_defn` on). */
const pythonFeedbackMiddle = `[[ ## modules_defn ## ]]\n${pythonCotModules}\n\n[[ ## program_inputs ## ]]\n{\n  "question": "Capital of Belgium?"\n}\n\n[[ ## program_trajectory ## ]]\n[\n  {\n    "module_name": "predict",\n    "inputs": {\n      "question": "Capital of Belgium?"\n    },\n    "outputs": {\n      "reasoning": "Long.",\n      "answer": "It is Brussels"\n    }\n  }\n]\n\n[[ ## program_outputs ## ]]\n{\n  "reasoning": "Long.",\n  "answer": "It is Brussels"\n}\n\n[[ ## reward_code ## ]]\n`
const pythonFeedbackEnd =
  '[[ ## target_threshold ## ]]\n1.0\n\n[[ ## reward_value ## ]]\n0.0\n\n[[ ## module_names ## ]]\n[\n  "predict"\n]\n\nRespond with the corresponding output fields, starting with the field `[[ ## discussion ## ]]`, then `[[ ## advice ## ]]` (must be formatted as a valid Python dict[str, str]), and then ending with the marker for `[[ ## completed ## ]]`.'
const pythonHintedSystem =
  'Your input fields are:\n1. `question` (str): \n2. `hint_` (str): A hint to the module from an earlier run\nYour output fields are:\n1. `reasoning` (str): \n2. `answer` (str):\nAll interactions will be structured in the following way, with the appropriate values filled in.\n\n[[ ## question ## ]]\n{question}\n\n[[ ## hint_ ## ]]\n{hint_}\n\n[[ ## reasoning ## ]]\n{reasoning}\n\n[[ ## answer ## ]]\n{answer}\n\n[[ ## completed ## ]]\nIn adhering to this structure, your objective is: \n        Given the fields `question`, produce the fields `answer`.'
const pythonHintedUser =
  '[[ ## question ## ]]\nCapital of Belgium?\n\n[[ ## hint_ ## ]]\nAnswer in one word.\n\nRespond with the corresponding output fields, starting with the field `[[ ## reasoning ## ]]`, then `[[ ## answer ## ]]`, and then ending with the marker for `[[ ## completed ## ]]`.'

const oneWord = (_args: Record<string, unknown>, prediction: Prediction) =>
  String(prediction.answer).split(' ').length === 1 ? 1 : 0

beforeEach(() => vi.spyOn(console, 'warn').mockImplementation(() => undefined))
afterEach(() => {
  vi.restoreAllMocks()
  settings.reset()
})

describe('OfferFeedback and inspectModules', () => {
  it("match DSPy 3.3.1's signature and module listing", () => {
    expect(OfferFeedback.instructions).toBe(
      'In the discussion, assign blame to each module that contributed to the final reward being below the threshold, if\nany. Then, prescribe concrete advice of how the module should act on its future input when we retry the process, if\nit were to receive the same or similar inputs. If a module is not to blame, the advice should be N/A.\nThe module will not see its own history, so it needs to rely on entirely concrete and actionable advice from you\nto avoid the same mistake on the same or similar inputs.',
    )
    expect(OfferFeedback.signature).toBe(
      'program_code, modules_defn, program_inputs, program_trajectory, program_outputs, reward_code, target_threshold, reward_value, module_names -> discussion, advice',
    )
    expect(OfferFeedback.field('advice')!.desc).toContain('in that kind ofscenario in the future.')
    expect(OfferFeedback.field('module_names')!.prefix).toBe('Module Names:')
    expect(inspectModules(new ChainOfThought('question -> answer'))).toBe(pythonCotModules)
    class Two extends Module {
      a = new Predict(
        new Signature('question, context: list[str] -> answer: int', 'Line one.\nIndented two.'),
      )
      b = new ChainOfThought('question -> answer')
      forward(): Promise<Prediction> {
        throw new Error('unused')
      }
    }
    expect(inspectModules(new Two())).toBe(
      `${separator}\nModule a\n\tInput Fields:\n\t\t1. \`question\` (str): \n\t\t2. \`context\` (list[str]):\n\tOutput Fields:\n\t\t1. \`answer\` (int):\n\tOriginal Instructions: \n\t\tLine one.\n\t\tIndented two.\n${separator}\nModule b.predict\n\tInput Fields:\n\t\t1. \`question\` (str):\n\tOutput Fields:\n\t\t1. \`reasoning\` (str): \n\t\t2. \`answer\` (str):\n\tOriginal Instructions: \n\t\tGiven the fields \`question\`, produce the fields \`answer\`.\n${separator}`,
    )
  })

  it('masks values JSON cannot hold, as recursive_mask does', () => {
    expect(
      recursiveMask({ a: [1, 'x', null, new Example({ q: 1 })], b: () => 1, c: { d: new Map() } }),
    ).toEqual({
      a: [1, 'x', null, '<non-serializable: Example>'],
      b: '<non-serializable: function>',
      c: { d: '<non-serializable: Map>' },
    })
  })
})

describe('Refine', () => {
  it('asks for feedback after a low reward and passes the advice as the hint_ input', async () => {
    const lm = new PromptLM((prompt) => {
      if (prompt.includes('[[ ## modules_defn ## ]]')) {
        return { discussion: 'It was wordy.', advice: { predict: 'Answer in one word.' } }
      }
      if (prompt.includes('Answer in one word.')) return { reasoning: 'Short.', answer: 'Brussels' }
      return { reasoning: 'Long.', answer: 'It is Brussels' }
    })
    configure({ lm })
    const refine = new Refine({
      module: new ChainOfThought('question -> answer'),
      n: 3,
      rewardFn: oneWord,
      threshold: 1,
    })
    const trace: TraceStep[] = []
    const prediction = await context({ trace }, () =>
      refine.call({ question: 'Capital of Belgium?' }),
    )
    expect(prediction.toDict()).toEqual({ reasoning: 'Short.', answer: 'Brussels' })
    expect(lm.calls.map(({ rolloutId, temperature }) => [rolloutId, temperature])).toEqual([
      [0, 1],
      [undefined, 0],
      [1, 1],
    ])
    const feedbackPrompt = String(lm.calls[1]!.messages.at(-1)!.content)
    expect(feedbackPrompt.startsWith(`[[ ## program_code ## ]]\n${refine.moduleCode}\n\n`)).toBe(
      true,
    )
    expect(feedbackPrompt).toContain(
      `\n\n${pythonFeedbackMiddle}${oneWord.toString()}\n\n${pythonFeedbackEnd}`,
    )
    expect(lm.calls[2]!.messages[0]!.content).toBe(pythonHintedSystem)
    expect(lm.calls[2]!.messages.at(-1)!.content).toBe(pythonHintedUser)
    expect(trace).toHaveLength(2)
    expect(trace[1]!.inputs).toEqual({
      question: 'Capital of Belgium?',
      hint_: 'Answer in one word.',
    })
  })

  it('without a threshold, runs every attempt and returns the best', async () => {
    let attempt = 0
    const lm = new PromptLM((prompt) => {
      if (prompt.includes('[[ ## modules_defn ## ]]'))
        return { discussion: 'd', advice: { other: 'x' } }
      attempt += 1
      return { reasoning: 'r', answer: 'word '.repeat(attempt).trim() }
    })
    configure({ lm })
    const refine = new Refine({
      module: new ChainOfThought('question -> answer'),
      n: 3,
      rewardFn: (_args, prediction) => String(prediction.answer).length,
    })
    const prediction = await refine.call({ question: 'q' })
    expect(prediction.answer).toBe('word word word')
    expect(lm.calls).toHaveLength(5)
    expect(lm.calls[4]!.messages.at(-1)!.content).toContain('[[ ## hint_ ## ]]\nN/A')
  })
})
