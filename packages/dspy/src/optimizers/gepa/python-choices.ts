import type { PythonRandom } from '../../python/python-random.ts'

/**
 * Python's `random.choices(population, weights=None, k=k)` (3.11): `k` draws with replacement,
 * one `random()` each. With weights, a draw is placed by bisecting the cumulative weights. Where
 * Python raises because the weights sum to zero, every item weighs the same instead (one
 * `random()` per draw all the same).
 *
 * @example
 * pythonChoices({ rng: new PythonRandom(0), population: [1, 2, 3], weights: [0, 0, 1] }) // [3]
 */
export function pythonChoices<T>(options: {
  rng: PythonRandom
  population: readonly T[]
  weights?: readonly number[]
  k?: number
}): T[] {
  const { rng, population } = options
  const k = options.k ?? 1
  const n = population.length
  const result: T[] = []
  const cumulative: number[] = []
  let total = 0
  for (const weight of options.weights ?? []) {
    total += weight
    cumulative.push(total)
  }
  const weighted = options.weights !== undefined && total > 0 && Number.isFinite(total)
  for (let draw = 0; draw < k; draw += 1) {
    if (!weighted) {
      result.push(population[Math.floor(rng.random() * n)]!)
      continue
    }
    const target = rng.random() * total
    let low = 0
    let high = n - 1
    while (low < high) {
      const middle = (low + high) >> 1
      if (target < cumulative[middle]!) high = middle
      else low = middle + 1
    }
    result.push(population[low]!)
  }
  return result
}
