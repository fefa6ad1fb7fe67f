import { describe, expect, it } from 'vitest'
import { PythonRandom } from '../../python/python-random.ts'
import {
  findDominatorPrograms,
  idxmax,
  isDominated,
  type ParetoFrontMapping,
  removeDominatedPrograms,
  selectFromParetoFront,
} from './pareto-front.ts'
import { PythonIntSet } from './python-int-set.ts'

// gepa 0.1.4 on the same fronts: {0: {0, 1}, 1: {1}, 2: {2, 0}, 3: {3}, 4: {9, 2}}.
function fronts(): ParetoFrontMapping {
  return new Map([
    [0, new PythonIntSet([0, 1])],
    [1, new PythonIntSet([1])],
    [2, new PythonIntSet([2, 0])],
    [3, new PythonIntSet([3])],
    [4, new PythonIntSet([9, 2])],
  ])
}
const scores = [0.2, 0.6, 0.5, 0.4, 0, 0, 0, 0, 0, 0.3]

describe('Pareto front helpers', () => {
  it('idxmax returns the first maximum', () => {
    expect(idxmax([1, 3, 3, 2])).toBe(1)
  })

  it('a candidate is dominated when every front it is on has another survivor', () => {
    expect(isDominated({ program: 0, others: new Set([1, 2]), fronts: fronts() })).toBe(true)
    expect(isDominated({ program: 1, others: new Set([0, 2]), fronts: fronts() })).toBe(false)
  })

  it('removes dominated candidates lowest score first, as gepa does', () => {
    const reduced = removeDominatedPrograms({ fronts: fronts(), scores })
    expect([...reduced].map(([id, front]) => [id, [...front]])).toEqual([
      [0, [1]],
      [1, [1]],
      [2, [2]],
      [3, [3]],
      [4, [2]],
    ])
    expect(findDominatorPrograms({ fronts: fronts(), scores })).toEqual([1, 2, 3])
  })

  it('draws the same parents as gepa for the same seed', () => {
    const rng = new PythonRandom(0)
    const draws = Array.from({ length: 12 }, () =>
      selectFromParetoFront({ fronts: fronts(), scores, rng }),
    )
    expect(draws).toEqual([2, 2, 1, 2, 3, 2, 2, 2, 2, 2, 3, 1])
  })

  it('refuses an empty front', () => {
    expect(() =>
      selectFromParetoFront({ fronts: new Map(), scores: [], rng: new PythonRandom(0) }),
    ).toThrow('The Pareto front is empty.')
  })
})
