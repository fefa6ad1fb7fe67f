import { afterEach, describe, expect, it } from 'vitest'
import { JSONAdapter } from '../adapters/json-adapter.ts'
import { gsm8kMetric } from '../datasets/gsm8k.ts'
import { syntheticArithmetic } from '../datasets/synthetic-arithmetic.ts'
import { ChainOfThought } from '../predict/chain-of-thought.ts'
import { Predict } from '../predict/predict.ts'
import { Example } from '../primitives/example.ts'
import { configure, settings } from '../settings/settings.ts'
import { SimulatedLM, simulatedInstructionCandidates } from './simulated-lm.ts'

afterEach(() => settings.reset())

const { train, dev } = syntheticArithmetic({ trainSize: 8, devSize: 200, testSize: 0, seed: 42 })
const careful = 'Solve the problem step by step, then verify the final number before answering.'
const demo = (example: Example, answer = example.answer) =>
  new Example({ question: example.question, reasoning: example.gold_reasoning, answer })

async function accuracy(options: { demos?: Example[]; instructions?: string; lm?: SimulatedLM }) {
  configure({ lm: options.lm ?? new SimulatedLM() })
  const program = new ChainOfThought('question -> answer')
  if (options.demos) program.predict.demos = options.demos
  if (options.instructions)
    program.predict.signature = program.predict.signature.withInstructions(options.instructions)
  let right = 0
  for (const example of dev) {
    const prediction = await program.call({ question: example.question })
    if (gsm8kMetric(example, prediction)) right += 1
  }
  return right / dev.length
}

describe('SimulatedLM', () => {
  it('says what it is', () => {
    expect(new SimulatedLM().model).toBe('simulated/arithmetic')
  })

  it('solves every synthetic problem when forced to be right', async () => {
    const lm = new SimulatedLM({ accuracy: { min: 1, max: 1 } })
    expect(await accuracy({ lm })).toBe(1)
  })

  it('is more accurate with correct demos and careful instructions', async () => {
    const zeroShot = await accuracy({})
    const best = await accuracy({
      demos: train.slice(0, 4).map((x) => demo(x)),
      instructions: careful,
    })
    const wrongDemos = await accuracy({ demos: train.slice(0, 4).map((x) => demo(x, '7')) })
    // Measured: zero-shot 0.365, four correct demos + careful instructions 0.765, wrong demos 0.015.
    expect(zeroShot).toBeGreaterThan(0.2)
    expect(zeroShot).toBeLessThan(0.5)
    expect(best - zeroShot).toBeGreaterThanOrEqual(0.15)
    expect(wrongDemos).toBeLessThan(zeroShot)
  })

  it('answers one prompt the same way every time, and other seeds differently', async () => {
    const answers = async (lm: SimulatedLM) => {
      configure({ lm })
      const program = new ChainOfThought('question -> answer')
      const out: string[] = []
      for (const example of dev.slice(0, 20))
        out.push(String((await program.call({ question: example.question })).reasoning))
      return out
    }
    const first = await answers(new SimulatedLM())
    expect(await answers(new SimulatedLM())).toEqual(first)
    expect(await answers(new SimulatedLM({ seed: 1 }))).not.toEqual(first)
  })

  it('reads the prompt: instructions, demo correctness, output fields', () => {
    const lm = new SimulatedLM()
    const messages = [
      {
        role: 'system' as const,
        content:
          'Your input fields are:\n1. `question` (str):\nYour output fields are:\n1. `reasoning` (str): \n2. `answer` (int):\nAll interactions will be structured in the following way, with the appropriate values filled in.\n\n[[ ## completed ## ]]\nIn adhering to this structure, your objective is: \n        Work carefully.\n        Then answer.',
      },
      { role: 'user' as const, content: `[[ ## question ## ]]\n${train[0]!.question}` },
      {
        role: 'assistant' as const,
        content: `[[ ## answer ## ]]\n${train[0]!.answer}\n\n[[ ## completed ## ]]\n`,
      },
      { role: 'user' as const, content: `[[ ## question ## ]]\n${train[1]!.question}` },
      { role: 'assistant' as const, content: '{\n  "answer": 1\n}' },
      {
        role: 'user' as const,
        content: `[[ ## question ## ]]\n${dev[0]!.question}\n\nRespond with the corresponding output fields, starting with the field \`[[ ## reasoning ## ]]\`, then \`[[ ## answer ## ]]\` (must be formatted as a valid Python int), and then ending with the marker for \`[[ ## completed ## ]]\`.`,
      },
    ]
    const assessment = lm.assess(messages)
    expect(assessment.instructions).toBe('Work carefully.\nThen answer.')
    expect(assessment.careful).toBe(true)
    expect([assessment.correctDemos, assessment.wrongDemos]).toEqual([1, 1])
    expect(assessment.outputFields).toEqual([
      { name: 'reasoning', type: 'str' },
      { name: 'answer', type: 'int' },
    ])
    expect(assessment.json).toBe(false)
    expect(assessment.problem?.answer).toBe(Number(dev[0]!.answer))
    expect(assessment.probability).toBeCloseTo(
      0.35 + 0.07 + 0.08 - 0.1 + 0.12 - 0.05 * (assessment.problem!.steps.length - 1),
    )
  })

  it('answers in the ChatAdapter format, with usage from character counts', async () => {
    const lm = new SimulatedLM({ accuracy: { min: 1, max: 1 } })
    configure({ lm })
    const prediction = await new Predict('question -> answer: int').call({
      question: dev[1]!.question,
    })
    expect(prediction.answer).toBe(Number(dev[1]!.answer))
    const [output] = lm.history.at(-1)!.outputs as string[]
    expect(output).toMatch(/^\[\[ ## answer ## \]\]\n\d+\n\n\[\[ ## completed ## \]\]$/)
    const usage = lm.history.at(-1)!.usage as Record<string, number>
    expect(usage.completion_tokens).toBe(Math.ceil(output!.length / 4))
    expect(usage.total_tokens).toBe(usage.prompt_tokens! + usage.completion_tokens!)
  })

  it('answers JSONAdapter prompts with JSON', async () => {
    const lm = new SimulatedLM({ accuracy: { min: 1, max: 1 } })
    configure({ lm, adapter: new JSONAdapter() })
    const prediction = await new ChainOfThought('question -> answer: int').call({
      question: dev[2]!.question,
    })
    expect(prediction.answer).toBe(Number(dev[2]!.answer))
    expect(String(prediction.reasoning)).toMatch(/So the answer is/)
    const [output] = lm.history.at(-1)!.outputs as string[]
    expect(JSON.parse(output!)).toEqual({
      reasoning: prediction.reasoning,
      answer: prediction.answer,
    })
  })

  it('gives a plausible number for questions it cannot parse', async () => {
    configure({ lm: new SimulatedLM() })
    const prediction = await new Predict('question -> answer').call({
      question: 'A train leaves at 3 pm going 60 mph. How far has it gone at 5 pm?',
    })
    expect(String(prediction.answer)).toMatch(/^\d+$/)
  })

  it("answers optimizers' meta-prompts", async () => {
    configure({ lm: new SimulatedLM() })
    const proposer = new Predict(
      'basic_instruction -> proposed_instruction, proposed_prefix_for_output_field',
    )
    const proposals = await proposer.call({ basic_instruction: 'Answer.', config: { n: 6 } })
    const instructions = proposals.completions.get('proposed_instruction') as string[]
    expect(instructions).toHaveLength(6)
    for (const text of instructions) expect(simulatedInstructionCandidates).toContain(text)
    expect(new Set(instructions).size).toBeGreaterThan(1)
    const describe = await new Predict('examples -> observations').call({ examples: '[...]' })
    expect(String(describe.observations)).toMatch(/arithmetic word problems/)
    const more = await new Predict('prior_observations, examples -> observations').call({
      prior_observations: 'x',
      examples: '[...]',
    })
    expect(more.observations).toBe('COMPLETE')
    const program = await new Predict('program_code -> program_description').call({
      program_code: 'ChainOfThought',
    })
    expect(String(program.program_description)).toMatch(/program/)
    const other = await new Predict('text -> critique, score: int').call({ text: 'hi' })
    expect(String(other.critique)).toMatch(/simulated critique/)
    expect(typeof other.score).toBe('number')
  })
})
