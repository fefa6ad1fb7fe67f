import { afterEach, describe, expect, it, vi } from 'vitest'
import type { TrialEvent } from '../../callbacks/callback.ts'
import { DspyError } from '../../errors/dspy-error.ts'
import { BaseLM } from '../../lm/base-lm.ts'
import type { LmRequest, LmResponse } from '../../lm/lm-types.ts'
import { Predict } from '../../predict/predict.ts'
import { Example } from '../../primitives/example.ts'
import { Module } from '../../primitives/module.ts'
import type { Prediction } from '../../primitives/prediction.ts'
import { configure, settings } from '../../settings/settings.ts'
import { DummyLM } from '../../testing/dummy-lm.ts'
import { COPRO, type COPROResult } from './copro.ts'

afterEach(() => {
  settings.reset()
  vi.restoreAllMocks()
})

function quiet() {
  vi.spyOn(console, 'info').mockImplementation(() => {})
}

/** A task LM that answers correctly only when its system prompt holds `secret`. */
class SecretLM extends BaseLM {
  constructor(readonly secret: string) {
    super('secret-lm')
  }
  protected async forward(request: LmRequest): Promise<LmResponse> {
    const system = String(request.messages[0]?.content ?? '')
    const answer = system.includes(this.secret) ? 'Paris' : 'London'
    return {
      choices: [
        { text: `[[ ## answer ## ]]\n${answer}\n\n[[ ## completed ## ]]`, finishReason: 'stop' },
      ],
      usage: {},
      model: 'secret-lm',
    }
  }
}

class Two extends Module {
  a = new Predict('question -> answer')
  b = new Predict('answer -> final')
  async forward(inputs: Record<string, unknown>): Promise<Prediction> {
    const x = await this.a.call({ question: inputs.question })
    return this.b.call({ answer: x.answer })
  }
}

const exact = (example: Example, prediction: Prediction) =>
  Number(example.get('answer') === prediction.get('answer'))

describe('COPRO', () => {
  it('requires breadth > 1 and depth >= 1 with typed errors', () => {
    expect(() => new COPRO({ metric: exact, breadth: 1 })).toThrow('Breadth must be greater than 1')
    try {
      new COPRO({ metric: exact, breadth: 0 })
    } catch (error) {
      expect(DspyError.isInstance(error) && error.code).toBe('INVALID_ARGUMENT')
    }
    expect(() => new COPRO({ metric: exact, depth: 0 })).toThrow(DspyError)
  })

  it('finds the proposed instruction that the metric prefers and reports each trial', async () => {
    quiet()
    const trainset = [
      new Example({ question: 'Capital of France?', answer: 'Paris' }).withInputs('question'),
      new Example({ question: 'Where is the Louvre?', answer: 'Paris' }).withInputs('question'),
    ]
    const promptModel = new DummyLM([
      { proposed_instruction: 'Answer briefly.', proposed_prefix_for_output_field: 'Answer:' },
      {
        proposed_instruction: '"Think of French geography."',
        proposed_prefix_for_output_field: 'City:',
      },
      { proposed_instruction: 'Answer with a city.', proposed_prefix_for_output_field: 'Answer:' },
      { proposed_instruction: 'Be bold.', proposed_prefix_for_output_field: 'Answer:' },
      { proposed_instruction: 'Guess.', proposed_prefix_for_output_field: 'Answer:' },
    ])
    configure({ lm: new SecretLM('French geography') })
    const trials: TrialEvent[] = []
    const copro = new COPRO({
      promptModel,
      metric: exact,
      breadth: 3,
      depth: 2,
      trackStats: true,
      callbacks: [{ onTrialEnd: (event) => trials.push(event) }],
    })
    const student = new Predict('question -> answer')
    const compiled = (await copro.compile(student, {
      trainset,
      evalKwargs: { numThreads: 1 },
    })) as Predict & COPROResult
    expect(compiled.signature.instructions).toBe('Think of French geography.')
    expect(compiled.signature.field('answer')?.prefix).toBe('City:')
    expect(student.signature.instructions).toBe(
      'Given the fields `question`, produce the fields `answer`.',
    )
    expect(compiled.totalCalls).toBe(6)
    expect(compiled.candidatePrograms[0]?.score).toBe(100)
    expect(compiled.candidatePrograms.map((c) => c.instruction)).toContain('Answer with a city.')
    expect(trials).toHaveLength(6)
    expect(trials.map((t) => t.score)).toEqual([0, 100, 0, 0, 0, 0])
    expect(trials[1]).toMatchObject({
      trial: 2,
      evaluation: 'full',
      evaluationSize: 2,
      isBest: true,
    })
    expect(trials[1]?.candidate).toEqual([
      { predictor: 'self', instruction: 'Think of French geography.' },
    ])
    expect(compiled.resultsLatest?.self?.max).toEqual([100, 0])
    // The attempts prompt lists the best attempt last, with Python's float scores.
    const attemptsPrompt = String(promptModel.history[1]?.messages?.at(-1)?.content)
    expect(attemptsPrompt).toContain(
      '[1] «Instruction #1: Given the fields `question`, produce the fields `answer`.»\n[2] «Prefix #1: Answer:»\n[3] «Resulting Score #1: 0.0»\n[4] «Instruction #2: Answer briefly.»',
    )
    expect(attemptsPrompt).toContain('[9] «Resulting Score #3: 100.0»')
  })

  // The expectations below were printed by DSPy 3.3.1 for the same program, answers and metric.
  it('matches DSPy 3.3.1 on a two-predictor program (calls, candidates, stats)', async () => {
    quiet()
    const answers = Array.from({ length: 2000 }, (_, i) => ({
      proposed_instruction: `"I${i}" `,
      proposed_prefix_for_output_field: `P${i % 4}:`,
      answer: 'x',
      final: i % 3 === 0 ? 'y' : 'n',
    }))
    const lm = new DummyLM(answers)
    configure({ lm })
    const trainset = [0, 1].map((k) =>
      new Example({ question: `q${k}`, final: 'y' }).withInputs('question'),
    )
    const copro = new COPRO({
      metric: (example, prediction) => Number(prediction.get('final') === example.get('final')),
      breadth: 2,
      depth: 3,
      trackStats: true,
    })
    const best = (await copro.compile(new Two(), {
      trainset,
      evalKwargs: { numThreads: 1 },
    })) as Two & COPROResult
    expect(best.totalCalls).toBe(24)
    expect(best.candidatePrograms.map((c) => [c.instruction, c.prefix, c.score, c.depth])).toEqual([
      ['I0', 'P0:', 50, 0],
      ['Given the fields `question`, produce the fields `answer`.', 'Answer:', 50, 0],
      ['I18', 'P2:', 50, 1],
      ['I54', 'P2:', 50, 2],
      ['I55', 'P3:', 50, 2],
      ['I1', 'P1:', 50, 1],
      ['Given the fields `answer`, produce the fields `final`.', 'Final:', 50, 0],
      ['I20', 'P0:', 50, 2],
      ['I21', 'P1:', 50, 1],
      ['I56', 'P0:', 50, 2],
      ['I57', 'P1:', 50, 2],
      ['I19', 'P3:', 0, 1],
    ])
    expect(
      best.candidatePrograms[3]?.program
        .predictors()
        .map((p) => (p as Predict).signature.instructions),
    ).toEqual(['I54', 'I1'])
    expect(best.resultsBest?.a).toEqual({
      depth: [0, 1, 2],
      max: [50, 50, 50],
      average: [50, 37.5, 41.666666666666664],
      min: [50, 0, 0],
      std: [0, 21.650635094610966, 18.633899812498246],
    })
    expect(best.resultsLatest?.b?.average).toEqual([37.5, 25, 50])
    expect(best.a.signature.instructions).toBe('I0')
    expect(best.a.signature.field('answer')?.prefix).toBe('P0:')
    expect(lm.history).toHaveLength(102)
  })

  it('runs Evaluate P·breadth·depth(depth+1)/2 times for several predictors, as DSPy', async () => {
    quiet()
    const answers = Array.from({ length: 500 }, (_, i) => ({
      proposed_instruction: `I${i}`,
      proposed_prefix_for_output_field: `P${i}:`,
      answer: 'x',
      final: 'y',
    }))
    configure({ lm: new DummyLM(answers) })
    const evaluateStarts: unknown[] = []
    configure({ callbacks: [{ onEvaluateStart: (event) => evaluateStarts.push(event) }] })
    const trainset = [new Example({ question: 'q', final: 'y' }).withInputs('question')]
    const copro = new COPRO({ metric: () => 1, breadth: 3, depth: 2 })
    const best = (await copro.compile(new Two(), { trainset })) as Two & COPROResult
    expect(best.totalCalls).toBe(18)
    expect(evaluateStarts).toHaveLength(18)
  })
})
