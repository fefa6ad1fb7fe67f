import { describe, expect, it } from 'vitest'
import { NumpyRandomState } from './numpy-random-state.ts'
import { CategoricalParzenEstimator, defaultWeights } from './parzen-estimator.ts'

describe('CategoricalParzenEstimator', () => {
  it('puts prior weight / kernels on every choice and one more on the observed one', () => {
    const estimator = new CategoricalParzenEstimator({ choiceCounts: [3], observations: [[2]] })
    expect(estimator.kernelWeights).toEqual([0.5, 0.5])
    expect(estimator.choiceWeights[0]).toEqual([
      [0.5 / 2.5, 0.5 / 2.5, 1.5 / 2.5],
      [1 / 3, 1 / 3, 1 / 3],
    ])
    const [observed, other] = estimator.logPdf([[2], [0]])
    expect(observed).toBeCloseTo(Math.log(0.5 * 0.6 + 0.5 / 3), 12)
    expect(other).toBeCloseTo(Math.log(0.5 * 0.2 + 0.5 / 3), 12)
  })

  it('is uniform without observations', () => {
    const estimator = new CategoricalParzenEstimator({ choiceCounts: [4, 2], observations: [] })
    expect(estimator.kernelWeights).toEqual([1])
    expect(estimator.logPdf([[3, 1]])[0]).toBeCloseTo(Math.log(1 / 8), 12)
  })

  it('samples choices near the observations', () => {
    const estimator = new CategoricalParzenEstimator({
      choiceCounts: [6, 6],
      observations: [
        [4, 2],
        [4, 2],
        [4, 2],
      ],
    })
    const samples = estimator.sample(new NumpyRandomState(0), 200)
    const hits = samples.filter(([a, b]) => a === 4 && b === 2).length
    // 3 of 4 kernels give (4, 2) probability 0.5 * 0.5, so about 0.19 of the draws (uniform: 1/36).
    expect(hits).toBeGreaterThan(25)
    expect(samples.every(([a, b]) => a! >= 0 && a! < 6 && b! >= 0 && b! < 6)).toBe(true)
  })

  it('ramps the weights of old observations beyond 25, as Optuna', () => {
    expect(defaultWeights(0)).toEqual([])
    expect(defaultWeights(3)).toEqual([1, 1, 1])
    const weights = defaultWeights(30)
    expect(weights).toHaveLength(30)
    expect(weights[0]).toBeCloseTo(1 / 30, 15)
    expect(weights.slice(4)).toEqual(Array.from({ length: 26 }, () => 1))
  })
})
