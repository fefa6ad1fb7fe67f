import { describe, expect, it } from 'vitest'
import { DspyError } from '../../errors/dspy-error.ts'
import { PythonRandom } from '../../python/python-random.ts'
import { additionExamples } from './__fixtures__/scripted-lm.ts'
import {
  AUTO_RUN_SETTINGS,
  adjustedNumTrials,
  MIN_MINIBATCH_SIZE,
  numTrialsFromCandidates,
} from './auto-settings.ts'
import { createMinibatch } from './create-minibatch.ts'
import { validateCompileOptions } from './mipro-options.ts'
import { autoRunSettingsText, runSettingsFromMode, splitDatasets } from './run-settings.ts'

describe('auto presets', () => {
  it("has DSPy's numbers", () => {
    expect(AUTO_RUN_SETTINGS).toEqual({
      light: { n: 6, valSize: 100 },
      medium: { n: 12, valSize: 300 },
      heavy: { n: 18, valSize: 1000 },
    })
    expect(MIN_MINIBATCH_SIZE).toBe(50)
  })

  it.each([
    [1, false, [10, 18, 27]],
    [2, false, [20, 28, 33]],
    [1, true, [9, 18, 27]],
  ])('gives %i predictor(s) (zero-shot %s) the trials %j', (numPredictors, zeroshot, trials) => {
    expect(
      [6, 12, 18].map((numCandidates) =>
        numTrialsFromCandidates({ numPredictors, zeroshot, numCandidates }),
      ),
    ).toEqual(trials)
  })

  it('counts the full evaluations in the adjusted number of trials', () => {
    expect(adjustedNumTrials({ numTrials: 10, minibatch: true, fullEvalSteps: 5 })).toBe(13)
    expect(adjustedNumTrials({ numTrials: 18, minibatch: true, fullEvalSteps: 5 })).toBe(23)
    expect(adjustedNumTrials({ numTrials: 10, minibatch: false, fullEvalSteps: 5 })).toBe(10)
  })
})

describe('run settings', () => {
  it('re-orders even a small valset and consumes the generator, as create_minibatch', () => {
    const valset = additionExamples(0, 12)
    const rng = new PythonRandom(9)
    const run = runSettingsFromMode({
      auto: 'light',
      numPredictors: 1,
      numTrials: undefined,
      minibatch: true,
      zeroshot: false,
      valset,
      numCandidates: undefined,
      rng,
    })
    const expected = new PythonRandom(9).sample(
      Array.from({ length: 12 }, (_, index) => index),
      12,
    )
    expect(run.valset).toEqual(expected.map((index) => valset[index]))
    expect(run).toMatchObject({
      numTrials: 10,
      minibatch: false,
      numInstructCandidates: 3,
      numFewshotCandidates: 6,
    })
    const reference = new PythonRandom(9)
    reference.sample(expected, 12)
    expect(rng.random()).toBe(reference.random())
  })

  it('uses minibatches for a valset over 50 and half as many instructions unless zero-shot', () => {
    const valset = additionExamples(0, 400)
    const medium = runSettingsFromMode({
      auto: 'medium',
      numPredictors: 2,
      numTrials: undefined,
      minibatch: false,
      zeroshot: false,
      valset,
      numCandidates: undefined,
      rng: new PythonRandom(1),
    })
    expect(medium.valset).toHaveLength(300)
    expect(medium).toMatchObject({
      numTrials: 28,
      minibatch: true,
      numInstructCandidates: 6,
      numFewshotCandidates: 12,
    })
    const zeroshot = runSettingsFromMode({
      auto: 'heavy',
      numPredictors: 1,
      numTrials: undefined,
      minibatch: true,
      zeroshot: true,
      valset: valset.slice(0, 40),
      numCandidates: undefined,
      rng: new PythonRandom(1),
    })
    expect(zeroshot).toMatchObject({ numTrials: 27, minibatch: false, numInstructCandidates: 18 })
    expect(autoRunSettingsText('heavy', zeroshot)).toBe(
      '\nRUNNING WITH THE FOLLOWING HEAVY AUTO RUN SETTINGS:\nnum_trials: 27\nminibatch: False\nnum_fewshot_candidates: 18\nnum_instruct_candidates: 18\nvalset size: 40\n',
    )
  })

  it('keeps the given numbers without auto', () => {
    const valset = additionExamples(0, 5)
    const run = runSettingsFromMode({
      auto: null,
      numPredictors: 1,
      numTrials: 4,
      minibatch: true,
      zeroshot: false,
      valset,
      numCandidates: 3,
      rng: new PythonRandom(1),
    })
    expect(run).toEqual({
      numTrials: 4,
      valset,
      minibatch: true,
      numInstructCandidates: 3,
      numFewshotCandidates: 3,
    })
  })

  it('splits the trainset 20/80 without a valset', () => {
    const trainset = additionExamples(0, 10)
    const split = splitDatasets(trainset, undefined)
    expect(split.trainset).toEqual(trainset.slice(0, 2))
    expect(split.valset).toEqual(trainset.slice(2))
    expect(() => splitDatasets([], undefined)).toThrow('Trainset cannot be empty.')
    expect(() => splitDatasets(trainset.slice(0, 1), undefined)).toThrow(/at least 2 examples/)
    expect(() => splitDatasets(trainset, [])).toThrow(/at least 1 example/)
  })

  it('draws minibatches with rng.sample', () => {
    const items = Array.from({ length: 30 }, (_, index) => index)
    expect(createMinibatch({ items, batchSize: 5, rng: new PythonRandom(9) })).toEqual(
      new PythonRandom(9).sample(items, 5),
    )
    expect(createMinibatch({ items, batchSize: 50, rng: new PythonRandom(9) })).toHaveLength(30)
  })
})

describe('validateCompileOptions', () => {
  const base = { requiresPermissionToRun: undefined, numPredictors: 1, zeroshot: false }
  const error = (options: Parameters<typeof validateCompileOptions>[0]) => {
    try {
      validateCompileOptions(options)
    } catch (caught) {
      expect(DspyError.isInstance(caught)).toBe(true)
      return (caught as Error).message
    }
    return undefined
  }

  it("raises DSPy's errors", () => {
    expect(error({ ...base, auto: null, numCandidates: 6, numTrials: undefined })).toBe(
      "If auto is None, num_trials must also be provided. Given num_candidates=6, we'd recommend setting num_trials to ~10.",
    )
    expect(error({ ...base, auto: null, numCandidates: undefined, numTrials: 5 })).toBe(
      'If auto is None, num_candidates must also be provided.',
    )
    expect(error({ ...base, auto: 'light', numCandidates: undefined, numTrials: 5 })).toMatch(
      /^If auto is not None, num_candidates and num_trials cannot be set/,
    )
    expect(
      error({
        ...base,
        auto: 'light',
        numCandidates: undefined,
        numTrials: undefined,
        requiresPermissionToRun: true,
      }),
    ).toBe(
      "User confirmation is removed from MIPROv2. Please remove the 'requires_permission_to_run' argument.",
    )
    expect(error({ ...base, auto: null, numCandidates: 3, numTrials: 5 })).toBeUndefined()
  })
})
