import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { TrialEvent } from '../../callbacks/callback.ts'
import { DspyError } from '../../errors/dspy-error.ts'
import { Predict } from '../../predict/predict.ts'
import type { Example } from '../../primitives/example.ts'
import { Prediction } from '../../primitives/prediction.ts'
import { configure, settings } from '../../settings/settings.ts'
import {
  CapitalLM,
  capitalExample,
  countries,
  ReflectionLM,
  RegionCapital,
  RegionCapitalLM,
} from './__fixtures__/scripted-lms.ts'
import { GEPA, type GEPAOptions } from './gepa.ts'
import type { DspyGEPAResult } from './gepa-result.ts'

interface DspyRun {
  best: Record<string, string>
  prompts: number
  starts: string
  candidates: Record<string, string>[]
  scores: number[]
  parents: (number | null)[][]
  discovery: number[]
  total: number
  full: number
  fronts: number[][]
  subscores: number[][]
}
const dspyRuns = JSON.parse(
  readFileSync(new URL('./__fixtures__/dspy-gepa-runs.json', import.meta.url), 'utf8'),
) as Record<string, DspyRun>

beforeEach(() => {
  for (const method of ['info', 'warn', 'error'] as const)
    vi.spyOn(console, method).mockImplementation(() => {})
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
})
afterEach(() => {
  settings.reset()
  vi.restoreAllMocks()
})

const score = (gold: Example, pred: Prediction) =>
  0.5 * Number(gold.get('region') === pred.get('region')) +
  0.5 * Number(gold.get('answer') === pred.get('answer'))
const metric = (
  gold: Example,
  pred: Prediction,
  _trace?: unknown,
  _name?: unknown,
  _predTrace?: unknown,
) => score(gold, pred)

/** Evaluate callback metadata as a string: N (none), D (disable_logging), F (eval_full). */
function recordEvaluations(): string[] {
  const codes: string[] = []
  configure({
    callbacks: [
      {
        onEvaluateStart: ({ inputs }) => {
          const metadata = inputs.callback_metadata as Record<string, unknown> | null
          codes.push(metadata === null ? 'N' : metadata.metric_key ? 'F' : 'D')
        },
      },
    ],
  })
  return codes
}

describe('GEPA options', () => {
  const reflectionLm = new ReflectionLM(['x'])
  it('checks that the metric takes five parameters', () => {
    const twoArgs = (gold: Example, pred: Prediction) => Number(gold === pred)
    expect(() => new GEPA({ metric: twoArgs as never, reflectionLm, auto: 'light' })).toThrow(
      'GEPA metric must accept five arguments: (gold, pred, trace, pred_name, pred_trace).',
    )
  })

  it('needs exactly one budget', () => {
    const make = (budget: Partial<GEPAOptions>) => () =>
      new GEPA({ metric, reflectionLm, ...budget })
    expect(make({})).toThrow('Exactly one of maxMetricCalls, maxFullEvals, auto must be set.')
    expect(make({ auto: 'light', maxMetricCalls: 10 })).toThrow(
      'You set maxMetricCalls=10, maxFullEvals=None, auto=light.',
    )
    try {
      make({ maxFullEvals: 1, maxMetricCalls: 10 })()
    } catch (error) {
      expect(DspyError.isInstance(error) && error.code).toBe('INVALID_ARGUMENT')
    }
    expect(make({ maxFullEvals: 2 })).not.toThrow()
  })

  it('needs a reflection LM or an instruction proposer, and a known strategy', () => {
    expect(() => new GEPA({ metric, auto: 'light' })).toThrow(
      'GEPA requires a reflection language model',
    )
    expect(
      () =>
        new GEPA({ metric, reflectionLm, auto: 'light', candidateSelectionStrategy: 'x' as never }),
    ).toThrow('Unknown candidate_selector strategy')
  })
})

describe('GEPA compile', () => {
  it('adopts the reflected instruction that the task LM answers correctly under', async () => {
    configure({ lm: new CapitalLM() })
    const codes = recordEvaluations()
    const reflectionLm = new ReflectionLM(
      ['CAPITAL RULE: answer with the capital city of the country.'],
      (text) => `Try this:\n\`\`\`\n${text}\n\`\`\``,
    )
    const trials: TrialEvent[] = []
    const feedbackMetric = (
      gold: Example,
      pred: Prediction,
      _trace?: unknown,
      predName?: string | null,
      _predTrace?: unknown,
    ) => {
      const ok = Number(gold.get('answer') === pred.get('answer'))
      if (!predName) return ok
      return new Prediction({
        score: ok,
        feedback: ok ? null : `The answer should be ${gold.get('answer')}.`,
      })
    }
    const gepa = new GEPA({
      metric: feedbackMetric,
      reflectionLm,
      maxMetricCalls: 30,
      trackStats: true,
      numThreads: 1,
      callbacks: [{ onTrialEnd: (event) => trials.push(event) }],
    })
    const student = new Predict('question -> answer')
    const trainset = ['France', 'Peru', 'Japan'].map(capitalExample)
    const valset = ['Kenya', 'Chile', 'Egypt', 'Spain'].map(capitalExample)
    const best = (await gepa.compile(student, { trainset, valset })) as Predict & {
      detailedResults: DspyGEPAResult
    }
    expect(best.signature.instructions).toBe(
      'CAPITAL RULE: answer with the capital city of the country.',
    )
    expect(student.signature.instructions).toBe(
      'Given the fields `question`, produce the fields `answer`.',
    )
    // The reflection prompt DSPy 3.3.1 + gepa 0.1.4 send for the same run.
    expect(reflectionLm.prompts).toHaveLength(1)
    expect(reflectionLm.prompts[0]).toBe(
      "I provided an assistant with the following instructions to perform a task for me:\n```\nGiven the fields `question`, produce the fields `answer`.\n```\n\nThe following are examples of different task inputs provided to the assistant along with the assistant's response for each of them, and some feedback on how the assistant's response could be better:\n```\n# Example 1\n## Inputs\n### question\nWhat is the capital of Japan?\n\n## Generated Outputs\n### answer\nI don't know\n\n## Feedback\nThe answer should be Tokyo.\n\n\n\n# Example 2\n## Inputs\n### question\nWhat is the capital of France?\n\n## Generated Outputs\n### answer\nI don't know\n\n## Feedback\nThe answer should be Paris.\n\n\n\n# Example 3\n## Inputs\n### question\nWhat is the capital of Peru?\n\n## Generated Outputs\n### answer\nI don't know\n\n## Feedback\nThe answer should be Lima.\n\n\n```\n\nYour task is to write a new instruction for the assistant.\n\nRead the inputs carefully and identify the input format and infer detailed task description about the task I wish to solve with the assistant.\n\nRead all the assistant responses and the corresponding feedback. Identify all niche and domain specific factual information about the task and include it in the instruction, as a lot of it may not be available to the assistant in the future. The assistant may have utilized a generalizable strategy to solve the task, if so, include that in the instruction as well.\n\nProvide the new instructions within ``` blocks.",
    )
    expect(codes.join('')).toBe('NDDFDDDDDD')
    const results = best.detailedResults
    expect(results.valAggregateScores).toEqual([0, 1])
    expect(results.parents).toEqual([[null], [0]])
    expect(results.discoveryEvalCounts).toEqual([0, 10])
    expect(results.totalMetricCalls).toBe(32)
    expect(results.numFullValEvals).toBe(2)
    expect(results.perValInstanceBestCandidates).toEqual([[1], [1], [1], [1]])
    expect(results.bestIdx).toBe(1)
    expect(trials).toHaveLength(1)
    expect(trials[0]).toMatchObject({
      trial: 1,
      evaluation: 'full',
      evaluationSize: 4,
      score: 1,
      isBest: true,
      candidate: [
        {
          predictor: 'self',
          instruction: 'CAPITAL RULE: answer with the capital city of the country.',
        },
      ],
      details: { tag: 'reflective_mutation', accepted: true, parents: [0], candidateIndex: 1 },
    })
  })

  for (const seed of ['0', '4', '6']) {
    it(`replays DSPy 3.3.1's run with seed ${seed} (Pareto sampling, round robin, merges)`, async () => {
      const expected = dspyRuns[seed]!
      configure({ lm: new RegionCapitalLM() })
      const codes = recordEvaluations()
      const reflectionLm = new ReflectionLM([
        'REGION RULE: Europe first.',
        'CAPITAL RULE: name the capital.',
        'Think harder.',
        'REGION RULE and more.',
        'CAPITAL RULE again.',
        'Nothing useful.',
      ])
      const trials: TrialEvent[] = []
      const gepa = new GEPA({
        metric,
        reflectionLm,
        maxMetricCalls: 150,
        trackStats: true,
        numThreads: 1,
        seed: Number(seed),
        callbacks: [{ onTrialEnd: (event) => trials.push(event) }],
      })
      const names = Object.keys(countries)
      const best = (await gepa.compile(new RegionCapital(), {
        trainset: names.slice(0, 6).map(capitalExample),
        valset: names.map(capitalExample),
      })) as RegionCapital & { detailedResults: DspyGEPAResult }
      expect({
        classify: best.classify.signature.instructions,
        answer: best.answer.signature.instructions,
      }).toEqual(expected.best)
      expect(reflectionLm.prompts).toHaveLength(expected.prompts)
      expect(codes.join('')).toBe(expected.starts)
      const results = best.detailedResults
      expect(results.toDict().candidates).toEqual(expected.candidates)
      expect(results.valAggregateScores).toEqual(expected.scores)
      expect(results.parents).toEqual(expected.parents)
      expect(results.discoveryEvalCounts).toEqual(expected.discovery)
      expect(results.totalMetricCalls).toBe(expected.total)
      expect(results.numFullValEvals).toBe(expected.full)
      expect(results.perValInstanceBestCandidates).toEqual(expected.fronts)
      expect(results.valSubscores).toEqual(expected.subscores)
      const accepted = trials.filter((trial) => trial.details?.accepted)
      expect(accepted).toHaveLength(expected.candidates.length - 1)
      expect(trials.every((trial, index) => trial.trial === index + 1)).toBe(true)
    })
  }

  it('is deterministic for a seed', async () => {
    const run = async () => {
      configure({ lm: new RegionCapitalLM() })
      const reflectionLm = new ReflectionLM(['REGION RULE.', 'CAPITAL RULE.', 'Noise.'])
      const trials: TrialEvent[] = []
      const gepa = new GEPA({
        metric,
        reflectionLm,
        maxMetricCalls: 90,
        numThreads: 2,
        seed: 3,
        callbacks: [{ onTrialEnd: (event) => trials.push(event) }],
      })
      const names = Object.keys(countries)
      await gepa.compile(new RegionCapital(), {
        trainset: names.slice(0, 6).map(capitalExample),
        valset: names.map(capitalExample),
      })
      return trials.map((trial) => [trial.score, trial.details?.accepted, trial.candidate])
    }
    expect(await run()).toEqual(await run())
  })

  it('uses the trainset as valset and computes the auto budget as DSPy', async () => {
    configure({ lm: new CapitalLM() })
    const gepa = new GEPA({
      metric,
      instructionProposer: () => ({ self: 'CAPITAL RULE.' }),
      auto: 'light',
      useMerge: false,
    })
    const trainset = ['France', 'Peru'].map(capitalExample)
    const best = (await gepa.compile(new Predict('question -> answer'), { trainset })) as Predict
    expect(gepa.maxMetricCalls).toBe(
      gepa.autoBudget({ numPredictors: 1, numCandidates: 6, valsetSize: 2 }),
    )
    expect(best.signature.instructions).toBe('CAPITAL RULE.')
    await expect(gepa.compile(new Predict('question -> answer'), { trainset: [] })).rejects.toThrow(
      'Trainset must be provided and non-empty',
    )
  })
})
