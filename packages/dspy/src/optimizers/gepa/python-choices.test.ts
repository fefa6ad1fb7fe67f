import { describe, expect, it } from 'vitest'
import { PythonRandom } from '../../python/python-random.ts'
import { pythonChoices } from './python-choices.ts'

describe('pythonChoices', () => {
  it('matches random.Random(3).choices with and without weights', () => {
    expect(pythonChoices({ rng: new PythonRandom(3), population: [4, 5, 6], k: 4 })).toEqual([
      4, 5, 5, 5,
    ])
    expect(
      pythonChoices({
        rng: new PythonRandom(3),
        population: [4, 5, 6],
        weights: [0.5, 0, 1.5],
        k: 3,
      }),
    ).toEqual([4, 6, 6])
  })

  it('draws uniformly where Python would reject zero total weight', () => {
    const [value] = pythonChoices({ rng: new PythonRandom(3), population: [7, 8], weights: [0, 0] })
    expect([7, 8]).toContain(value)
  })
})
