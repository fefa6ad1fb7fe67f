import { describe, expect, it } from 'vitest'
import { PythonRandom } from './python-random.ts'

// Expected values printed by CPython 3.11's random.Random with the same seeds and calls.
describe('PythonRandom', () => {
  it('reproduces random() for seed 0', () => {
    const rng = new PythonRandom(0)
    expect([rng.random(), rng.random(), rng.random()]).toEqual([
      0.8444218515250481, 0.7579544029403025, 0.420571580830845,
    ])
  })

  it('reproduces shuffle for seed 9', () => {
    const items = Array.from({ length: 20 }, (_, index) => index)
    new PythonRandom(9).shuffle(items)
    expect(items).toEqual([2, 19, 9, 3, 12, 6, 16, 18, 1, 7, 17, 15, 0, 10, 13, 5, 4, 8, 11, 14])
  })

  it('reproduces sample (set and pool algorithms), randint and getrandbits for a large seed', () => {
    const rng = new PythonRandom(2 ** 40 + 7)
    expect(
      rng.sample(
        Array.from({ length: 100 }, (_, index) => index),
        10,
      ),
    ).toEqual([78, 95, 81, 73, 90, 60, 32, 16, 66, 48])
    expect(
      rng.sample(
        Array.from({ length: 10 }, (_, index) => index),
        4,
      ),
    ).toEqual([8, 5, 6, 3])
    expect([rng.randint(0, 10 ** 9), rng.randint(0, 10 ** 9), rng.randint(0, 10 ** 9)]).toEqual([
      482566399, 927082470, 963142077,
    ])
    expect(rng.getrandbits(70)).toBe(981835579066711926185n)
  })

  it('seeds negative numbers by their absolute value, as Python', () => {
    const rng = new PythonRandom(-3)
    expect(Array.from({ length: 5 }, () => rng.choice([...'abcdef']))).toEqual([
      'b',
      'e',
      'e',
      'b',
      'c',
    ])
  })
})
