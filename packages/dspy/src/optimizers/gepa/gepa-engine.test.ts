import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Predict } from '../../predict/predict.ts'
import type { Example } from '../../primitives/example.ts'
import type { Prediction } from '../../primitives/prediction.ts'
import { PythonRandom } from '../../python/python-random.ts'
import { configure, settings } from '../../settings/settings.ts'
import { CapitalLM, capitalExample, ReflectionLM } from './__fixtures__/scripted-lms.ts'
import { GepaProgramAdapter, type InstructionProposer } from './gepa-adapter.ts'
import { type GepaProposalOutcome, runGepaEngine } from './gepa-engine.ts'

beforeEach(() => {
  for (const method of ['info', 'warn', 'error'] as const)
    vi.spyOn(console, method).mockImplementation(() => {})
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
  configure({ lm: new CapitalLM() })
})
afterEach(() => {
  settings.reset()
  vi.restoreAllMocks()
})

const metric = (gold: Example, pred: Prediction, _t?: unknown, _n?: unknown, _p?: unknown) =>
  Number(gold.get('answer') === pred.get('answer'))
const trainset = ['France', 'Peru'].map(capitalExample)
const valset = ['Kenya', 'Chile'].map(capitalExample)

function engine(options: {
  reflectionLm?: ReflectionLM
  proposer?: InstructionProposer
  maxMetricCalls: number
}) {
  const outcomes: GepaProposalOutcome[] = []
  const adapter = new GepaProgramAdapter({
    student: new Predict('question -> answer'),
    metric,
    rng: new PythonRandom(0),
    reflectionLm: options.reflectionLm,
    instructionProposer: options.proposer,
    reflectionMinibatchSize: 2,
    numThreads: 1,
  })
  const run = runGepaEngine({
    seed: { self: 'Answer.' },
    trainset,
    valset,
    adapter,
    rng: new PythonRandom(0),
    maxMetricCalls: options.maxMetricCalls,
    candidateSelectionStrategy: 'current_best',
    reflectionMinibatchSize: 2,
    skipPerfectScore: false,
    perfectScore: 1,
    onOutcome: (outcome) => outcomes.push(outcome),
  })
  return { run, outcomes }
}

describe('runGepaEngine', () => {
  it('rejects mutations that do not improve the minibatch and accepts those that do', async () => {
    const reflectionLm = new ReflectionLM(['Be vague.', 'CAPITAL RULE.', 'Noise.'])
    const { run, outcomes } = engine({ reflectionLm, maxMetricCalls: 16 })
    const state = await run
    expect(outcomes.map((outcome) => [outcome.accepted, outcome.candidate.self])).toEqual([
      [false, 'Be vague.'],
      [true, 'CAPITAL RULE.'],
      [false, 'Noise.'],
    ])
    expect(outcomes[1]).toMatchObject({ index: 1, valsetScore: 1, isBest: true, parents: [0] })
    expect(state.candidates.map((candidate) => candidate.self)).toEqual([
      'Answer.',
      'CAPITAL RULE.',
    ])
    // seed 2 + three iterations of 4 (parent and child minibatches) + one full eval of 2.
    expect(state.totalEvals).toBe(16)
    expect(state.i).toBe(2)
  })

  it('retries a failing proposer once, then skips the iteration', async () => {
    let calls = 0
    const proposer: InstructionProposer = () => {
      calls += 1
      throw new Error('down')
    }
    const { run, outcomes } = engine({ proposer, maxMetricCalls: 5 })
    const state = await run
    expect(calls).toBe(4)
    expect(outcomes).toEqual([])
    expect(state.totalEvals).toBe(6)
  })
})
