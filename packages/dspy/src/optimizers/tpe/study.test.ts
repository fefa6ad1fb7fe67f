import { describe, expect, it } from 'vitest'
import { DspyError } from '../../errors/dspy-error.ts'
import { CategoricalDistribution } from './categorical-distribution.ts'
import { RandomSampler } from './random-sampler.ts'
import { createStudy } from './study.ts'
import { TPESampler } from './tpe-sampler.ts'

describe('Study', () => {
  it('runs ask/tell trials and reports the best one', () => {
    const study = createStudy({ direction: 'maximize', sampler: new RandomSampler({ seed: 1 }) })
    const first = study.ask()
    const x = first.suggestCategorical('x', ['a', 'b', 'c'])
    expect(first.suggestCategorical('x', ['a', 'b', 'c'])).toBe(x)
    study.tell(first, 0.2)
    const second = study.ask()
    second.suggestCategorical('x', ['a', 'b', 'c'])
    study.tell(second, 0.9)
    expect(study.bestTrial.number).toBe(1)
    expect(study.bestValue).toBe(0.9)
    expect(study.trials.map((trial) => trial.state)).toEqual(['complete', 'complete'])
    expect(() => study.tell(second, 1)).toThrow(/not running/)
  })

  it('minimizes by default and keeps the first of equal best values', () => {
    const study = createStudy({ sampler: new RandomSampler({ seed: 1 }) })
    study.addTrial({ params: { x: 1 }, distributions: { x: [1, 2] }, value: 3 })
    study.addTrial({ params: { x: 2 }, value: 1 })
    study.addTrial({ params: { x: 1 }, value: 1 })
    expect(study.direction).toBe('minimize')
    expect(study.bestTrial.number).toBe(1)
    expect(study.bestParams).toEqual({ x: 2 })
  })

  it('gives added trials their own numbers and takes them into account', async () => {
    const study = createStudy({ direction: 'maximize', sampler: new TPESampler({ seed: 0 }) })
    study.addTrial({
      params: { x: 0 },
      distributions: { x: new CategoricalDistribution([0, 1, 2]) },
      value: 1,
    })
    const numbers: number[] = []
    await study.optimize(
      (trial) => {
        numbers.push(trial.number)
        const x = trial.suggestCategorical('x', [0, 1, 2])
        if (trial.number === 2) study.addTrial({ params: { x }, value: 5 })
        return x
      },
      { nTrials: 3 },
    )
    expect(numbers).toEqual([1, 2, 4])
    expect(study.trials).toHaveLength(5)
    expect(study.bestValue).toBe(5)
  })

  it('returns the only choice of a one-choice parameter without sampling', () => {
    const study = createStudy({ sampler: new RandomSampler({ seed: 0 }) })
    const trial = study.ask()
    expect(trial.suggestCategorical('only', ['x'])).toBe('x')
    expect(trial.params).toEqual({ only: 'x' })
  })

  it('marks a trial failed when the objective throws, and re-throws', async () => {
    const study = createStudy({ sampler: new RandomSampler({ seed: 0 }) })
    await expect(
      study.optimize(
        () => {
          throw new Error('boom')
        },
        { nTrials: 2 },
      ),
    ).rejects.toThrow('boom')
    expect(study.trials.map((trial) => trial.state)).toEqual(['fail'])
    expect(() => study.bestTrial).toThrow(/No trials are completed/)
  })

  it('rejects unknown values, missing distributions and changed choices', () => {
    const study = createStudy({ sampler: new RandomSampler({ seed: 0 }) })
    let error: unknown
    try {
      study.addTrial({ params: { x: 1 }, value: 0 })
    } catch (caught) {
      error = caught
    }
    expect(DspyError.isInstance(error)).toBe(true)
    expect(() =>
      study.addTrial({ params: { x: 3 }, distributions: { x: [1, 2] }, value: 0 }),
    ).toThrow(/not in/)
    const trial = study.ask()
    trial.suggestCategorical('x', [1, 2])
    expect(() => trial.suggestCategorical('x', [1, 2, 3])).toThrow(/different distribution/)
  })
})
