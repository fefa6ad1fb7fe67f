import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest'
import type { CallStartEvent, TrialEvent } from '../callbacks/callback.ts'
import { BaseLM } from '../lm/base-lm.ts'
import type { LmRequest, LmResponse } from '../lm/lm-types.ts'
import { Predict } from '../predict/predict.ts'
import { Example } from '../primitives/example.ts'
import type { Prediction } from '../primitives/prediction.ts'
import { configure, settings } from '../settings/settings.ts'
import { BootstrapFewShotWithRandomSearch, BootstrapRS } from './bootstrap-random-search.ts'

const trainset = Array.from({ length: 12 }, (_, index) =>
  new Example({ question: `q${index}?`, answer: `a${index}` }).withInputs('question'),
)

/** Right for `q<i>?` when `q<i+1>?` is among the demos (or for even i): demos change the score. */
class DemoSensitiveLM extends BaseLM {
  constructor() {
    super('demo-sensitive', { temperature: 0 })
  }
  protected async forward(request: LmRequest): Promise<LmResponse> {
    const last = String(request.messages.at(-1)?.content)
    const index = Number(/q(\d+)\?/.exec(last)?.[1])
    const earlier = request.messages.slice(0, -1).map((message) => String(message.content))
    const right = index % 2 === 0 || earlier.join('\n').includes(`q${index + 1}?`)
    return {
      choices: [
        { text: `[[ ## answer ## ]]\n${right ? `a${index}` : 'no'}`, finishReason: 'stop' },
      ],
      usage: {},
      model: 'demo-sensitive',
    }
  }
}

const exact = (example: Example, prediction: Prediction) => example.answer === prediction.answer

let log: MockInstance<typeof console.log>
beforeEach(() => {
  log = vi.spyOn(console, 'log').mockImplementation(() => undefined)
  vi.spyOn(console, 'info').mockImplementation(() => undefined)
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
  configure({ lm: new DemoSensitiveLM() })
})
afterEach(() => {
  vi.restoreAllMocks()
  settings.reset()
})

const printed = () => log.mock.calls.map((call) => String(call[0]))

describe('BootstrapFewShotWithRandomSearch', () => {
  it('evaluates seeds -3..n-1 and returns the first best candidate with all candidates sorted', async () => {
    const optimizer = new BootstrapRS({
      metric: exact,
      numCandidatePrograms: 4,
      maxBootstrappedDemos: 3,
      maxLabeledDemos: 4,
    })
    const best = await optimizer.compile(new Predict('question -> answer'), {
      trainset,
    })
    const candidates = best.candidatePrograms
    expect(candidates.map((candidate) => candidate.seed).sort((a, b) => a - b)).toEqual([
      -3, -2, -1, 0, 1, 2, 3,
    ])
    for (const [index, candidate] of candidates.entries()) {
      expect(candidate.subscores).toHaveLength(12)
      if (index > 0) {
        const previous = candidates[index - 1]!
        expect(previous.score).toBeGreaterThanOrEqual(candidate.score)
        if (previous.score === candidate.score) expect(previous.seed).toBeLessThan(candidate.seed)
      }
    }
    expect(best).toBe(candidates[0]!.program)
    expect(candidates.find((candidate) => candidate.seed === -3)!.score).toBe(50)
    const lines = printed()
    expect(lines.slice(0, 2)).toEqual([
      'Going to sample between 1 and 3 traces per predictor.',
      'Will attempt to bootstrap 4 candidate sets.',
    ])
    expect(lines).toContain('New best score: 50.0 for seed -3')
    expect(lines).toContain('Scores so far: [50.0]')
    expect(lines).toContain('Best score so far: 50.0')
    expect(lines.at(-1)).toBe('7 candidate programs found.')
    const news = lines.filter((line) => line.startsWith('New best score:'))
    expect(news.at(-1)).toBe(
      `New best score: ${candidates[0]!.score.toFixed(1)} for seed ${candidates[0]!.seed}`,
    )
  })

  it('reports one trial per candidate and runs Evaluate for each', async () => {
    const trials: TrialEvent[] = []
    const evaluations: CallStartEvent[] = []
    const compiles: CallStartEvent[] = []
    configure({
      callbacks: [
        {
          onTrialEnd: (event) => trials.push(event),
          onEvaluateStart: (event) => evaluations.push(event),
          onCompileStart: (event) => compiles.push(event),
        },
      ],
    })
    const optimizer = new BootstrapFewShotWithRandomSearch({
      metric: exact,
      numCandidatePrograms: 2,
    })
    const valset = trainset.slice(0, 6)
    await optimizer.compile(new Predict('question -> answer'), { trainset, valset })
    expect(trials.map((trial) => trial.trial)).toEqual([1, 2, 3, 4, 5])
    expect(trials.map((trial) => trial.details?.seed)).toEqual([-3, -2, -1, 0, 1])
    expect(trials.every((trial) => trial.compileCallId === compiles[0]!.callId)).toBe(true)
    expect(trials[0]).toMatchObject({
      evaluation: 'full',
      evaluationSize: 6,
      isBest: true,
      candidate: [{ predictor: 'self', demoSetIndex: 0 }],
    })
    expect(evaluations).toHaveLength(5)
    expect(evaluations[0]!.inputs.devset).toBeNull()
    expect((evaluations[0]!.instance as { devset: Example[] }).devset).toBe(valset)
    expect(compiles[0]!.inputs).toMatchObject({ valset, restrict: null, labeled_sample: true })
  })

  it('stops early at stopAtScore and tries only the restricted seeds', async () => {
    const stopping = new BootstrapRS({ metric: exact, numCandidatePrograms: 6, stopAtScore: 50 })
    const best = await stopping.compile(new Predict('question -> answer'), {
      trainset,
    })
    expect(best.candidatePrograms.map((candidate) => candidate.seed)).toEqual([-3])
    expect(printed()).toContain('Stopping early because score 50.0 is >= stop_at_score 50')
    const restricted = new BootstrapRS({ metric: exact, numCandidatePrograms: 3 })
    const only = await restricted.compile(new Predict('question -> answer'), {
      trainset,
      restrict: [-1, 2, 7],
    })
    expect(only.candidatePrograms.map((candidate) => candidate.seed).sort()).toEqual([-1, 2])
    await expect(
      restricted.compile(new Predict('question -> answer'), { trainset, restrict: [5, 9] }),
    ).rejects.toThrow(
      '`restrict` {5, 9} does not match any candidate seed in range(-3, 3); no candidate programs would be evaluated.',
    )
  })

  it('is deterministic', async () => {
    const run = async () => {
      const best = await new BootstrapRS({ metric: exact, numCandidatePrograms: 3 }).compile(
        new Predict('question -> answer'),
        { trainset },
      )
      return [
        best.dumpState(),
        best.candidatePrograms.map((c) => [c.seed, c.score, c.program.dumpState()]),
      ]
    }
    expect(await run()).toEqual(await run())
  })
})
