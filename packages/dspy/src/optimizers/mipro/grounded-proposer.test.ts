import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Predict } from '../../predict/predict.ts'
import { Example } from '../../primitives/example.ts'
import { PythonRandom } from '../../python/python-random.ts'
import { DummyLM } from '../../testing/dummy-lm.ts'
import { additionExamples, ScriptedMiproLM } from './__fixtures__/scripted-lm.ts'
import { createDatasetSummary } from './dataset-summary.ts'
import { DatasetDescriptorWithPriorObservations } from './dataset-signatures.ts'
import { GroundedProposer, TIPS } from './grounded-proposer.ts'
import { DescribeProgram, generateInstructionSignature } from './proposer-signatures.ts'

beforeEach(() => {
  vi.spyOn(console, 'log').mockImplementation(() => undefined)
})
afterEach(() => {
  vi.restoreAllMocks()
})

const lastUserText = (lm: DummyLM, index: number) => {
  const messages = lm.history[index]!.messages!
  return String(messages[messages.length - 1]!.content)
}

describe('createDatasetSummary', () => {
  it('adds observations batch by batch, skips COMPLETE answers and strips the summary prefix', async () => {
    const lm = new DummyLM([
      { observations: 'A.' },
      { observations: 'COMPLETE, nothing to add' },
      { observations: 'B.' },
      { observations: 'C.' },
      { summary: 'Summary: Additions.' },
    ])
    const summary = await createDatasetSummary({
      trainset: additionExamples(0, 35),
      promptModel: lm,
    })
    expect(summary).toBe('Additions.')
    expect(lm.history).toHaveLength(5)
    expect(lastUserText(lm, 0)).toContain(
      "[[ ## examples ## ]]\n[Example({'question': 'What is 0 + 0?', 'answer': '0'}) (input_keys={'question'}), ",
    )
    expect(lastUserText(lm, 1)).toContain('[[ ## prior_observations ## ]]\nA.')
    expect(lastUserText(lm, 3)).toContain('[[ ## prior_observations ## ]]\nA.B.')
    expect(lastUserText(lm, 4)).toContain('[[ ## observations ## ]]\nA.B.C.')
    expect(lm.history[0]!.kwargs).toMatchObject({ n: 1, temperature: 1 })
  })

  it('keeps the observations gathered so far when a later batch fails', async () => {
    let calls = 0
    const lm = new DummyLM([{ observations: 'A.' }, { summary: 'S' }])
    const failing = new Proxy(lm, {
      get(target, property, receiver) {
        if (property === 'call') {
          return (...args: unknown[]) => {
            calls += 1
            if (calls === 2) return Promise.reject(new Error('boom'))
            return target.call(...(args as Parameters<DummyLM['call']>))
          }
        }
        return Reflect.get(target, property, receiver)
      },
    })
    expect(
      await createDatasetSummary({ trainset: additionExamples(0, 15), promptModel: failing }),
    ).toBe('S')
  })
})

describe('meta-prompt signatures', () => {
  it("keeps DSPy's texts and field order", () => {
    expect(DescribeProgram.instructions).toBe(
      'Below is some pseudo-code for a pipeline that solves tasks with calls to language models. Please describe what type of task this program appears to be designed to solve, and how it appears to work.',
    )
    expect(DatasetDescriptorWithPriorObservations.instructions).toContain(
      "made.  Please add your own observations or if you feel the observations are comprehensive say 'COMPLETE' Some areas you may consider in your observations: topics, content, syntax, conciceness, etc.",
    )
    const full = generateInstructionSignature({
      useDatasetSummary: true,
      programAware: true,
      useInstructHistory: true,
      useTip: true,
    })
    expect(full.signature).toBe(
      'dataset_description, program_code, program_description, module, module_description, task_demos, previous_instructions, basic_instruction, tip -> proposed_instruction',
    )
    const bare = generateInstructionSignature({
      useDatasetSummary: false,
      programAware: false,
      useInstructHistory: false,
      useTip: false,
    })
    expect(bare.signature).toBe('task_demos, basic_instruction -> proposed_instruction')
  })
})

describe('GroundedProposer', () => {
  const demo = (question: string, answer: string, augmented: boolean) =>
    new Example({ question, answer, ...(augmented ? { augmented: true } : {}) })
  const demoCandidates = [
    [
      [],
      [demo('What is 1 + 1?', '2', false)],
      [demo('What is 2 + 2?', '4', true), demo('What is 3 + 3?', '6', true)],
      [demo('What is 4 + 4?', '8', true)],
    ],
  ]

  it('draws a tip and a rollout id per proposal from the generator, as DSPy', async () => {
    const lm = new ScriptedMiproLM()
    const program = new Predict('question -> answer')
    const proposer = await GroundedProposer.create({
      promptModel: lm,
      program,
      trainset: additionExamples(0, 12),
      rng: new PythonRandom(9),
    })
    expect(proposer.dataSummary).toBe('about additions')
    const proposed = await proposer.proposeInstructionsForProgram({ program, demoCandidates, n: 3 })
    const reference = new PythonRandom(9)
    const expectedTips: string[] = []
    const expectedRollouts: number[] = []
    for (let index = 0; index < 3; index += 1) {
      expectedTips.push(TIPS[reference.choice(Object.keys(TIPS))]!)
      expectedRollouts.push(reference.randint(0, 10 ** 9))
    }
    expect(lm.rolloutIds.filter((_, index) => index % 3 === 2)).toEqual(expectedRollouts)
    expect(proposed).toEqual([expectedTips.map((tip) => `Add them (${tip || 'no tip'}).`)])
    const generations = lm.requests.filter((messages) =>
      String(messages[messages.length - 1]!.content).includes('`[[ ## proposed_instruction ## ]]`'),
    )
    expect(generations).toHaveLength(3)
    const userText = (index: number) => String(generations[index]!.at(-1)!.content)
    expect(userText(0)).toContain('[[ ## task_demos ## ]]\nNo task demos provided.')
    // Set 1 has no augmented demo: the following sets give up to three.
    expect(userText(1)).toContain(
      '[[ ## task_demos ## ]]\nQuestion: What is 2 + 2?\nAnswer: 4\n\nQuestion: What is 3 + 3?\nAnswer: 6\n\nQuestion: What is 4 + 4?\nAnswer: 8',
    )
    expect(userText(2)).toContain(
      '[[ ## basic_instruction ## ]]\nGiven the fields `question`, produce the fields `answer`.',
    )
    expect(userText(2)).toContain('[[ ## module ## ]]\nPredict(question) -> answer')
    expect(userText(2)).toContain('[[ ## dataset_description ## ]]\nabout additions')
  })

  it('proposes n instructions without demo candidates, without tips when not tip-aware', async () => {
    const lm = new ScriptedMiproLM()
    const program = new Predict('question -> answer')
    const proposer = await GroundedProposer.create({
      promptModel: lm,
      program,
      trainset: additionExamples(0, 5),
      useDatasetSummary: false,
      programAware: false,
      useTip: false,
      setTipRandomly: false,
      rng: new PythonRandom(1),
    })
    const proposed = await proposer.proposeInstructionsForProgram({
      program,
      demoCandidates: undefined,
      n: 2,
    })
    expect(proposed).toEqual([['Add them (no tip).', 'Add them (no tip).']])
    expect(lm.countOf('observations')).toBe(0)
    expect(lm.countOf('program_description')).toBe(0)
    const user = String(lm.requests[0]!.at(-1)!.content)
    expect(user).not.toContain('[[ ## tip ## ]]')
    expect(user).not.toContain('[[ ## program_code ## ]]')
  })
})
