import { describe, expect, it } from 'vitest'
import { linspace, pairwiseSum } from './numpy-math.ts'
import { NumpyRandomState } from './numpy-random-state.ts'

// Expected values printed by NumPy 2.4 (numpy.random.RandomState) with the same seeds and calls.
describe('NumpyRandomState', () => {
  it('seeds with init_genrand and draws random_sample as NumPy', () => {
    const rng = new NumpyRandomState(9)
    expect([rng.randomSample(), rng.randomSample(), rng.randomSample()]).toEqual([
      0.010374153885699955, 0.5018745921487388, 0.4957732931341461,
    ])
    expect(new NumpyRandomState(2 ** 32 - 1).rand(2)).toEqual([
      0.0976320289940138, 0.9123828453026218,
    ])
  })

  it('reproduces choice(n, p=..., size=...)', () => {
    expect(new NumpyRandomState(0).choice(4, [0.1, 0.2, 0.3, 0.4], 10)).toEqual([
      2, 3, 3, 2, 2, 3, 2, 3, 3, 2,
    ])
  })

  it('reproduces uniform draws', () => {
    const rng = new NumpyRandomState(3)
    expect(Array.from({ length: 6 }, () => rng.uniform(0, 1))).toEqual([
      0.5507979025745755, 0.7081478226181048, 0.2909047389129443, 0.510827605197663,
      0.8929469543476547, 0.8962930889334381,
    ])
  })

  it('rejects seeds NumPy rejects', () => {
    expect(() => new NumpyRandomState(-1)).toThrow(RangeError)
    expect(() => new NumpyRandomState(2 ** 32)).toThrow(RangeError)
  })
})

describe('NumPy arithmetic', () => {
  it('sums pairwise as ndarray.sum()', () => {
    const small = Array.from({ length: 19 }, (_, index) => (index + 1) / 7)
    expect(pairwiseSum(small)).toBe(27.142857142857146)
    const large = Array.from({ length: 299 }, (_, index) => (index + 1) / 7)
    expect(pairwiseSum(large)).toBe(6407.142857142858)
  })

  it('spaces values as linspace', () => {
    expect(linspace(1 / 30, 1, 5)).toEqual([
      0.03333333333333333, 0.275, 0.5166666666666667, 0.7583333333333333, 1,
    ])
    expect(linspace(2, 3, 1)).toEqual([2])
    expect(linspace(2, 3, 0)).toEqual([])
  })
})
