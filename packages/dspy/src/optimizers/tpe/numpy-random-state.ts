import { MersenneTwister } from '../../python/mersenne-twister.ts'

/**
 * NumPy's legacy `numpy.random.RandomState` for the calls Optuna's samplers make: MT19937 seeded
 * from one 32-bit integer (`init_genrand`, unlike Python's `random.seed`, which uses
 * `init_by_array`), `random_sample` (53-bit doubles, as Python's `random()`), `rand(n)` and
 * `choice(n, p, size)` (cumulative sum, normalised by its last entry, then a right-sided binary
 * search). Same seed and same calls give the same values as NumPy.
 *
 * @example
 * const rng = new NumpyRandomState(9)
 * rng.randomSample() // as numpy.random.RandomState(9).random_sample()
 */
export class NumpyRandomState {
  private readonly twister = new MersenneTwister()

  constructor(seed = 0) {
    this.seed(seed)
  }

  /** `RandomState.seed(n)` for an integer in [0, 2**32). */
  seed(seed: number): void {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new RangeError('Seed must be between 0 and 2**32 - 1')
    }
    this.twister.initGenrand(seed)
  }

  /** One tempered 32-bit output. */
  nextUint32(): number {
    return this.twister.nextUint32()
  }

  /** `random_sample()`: a double in [0, 1). */
  randomSample(): number {
    return this.twister.random53()
  }

  /** `rand(size)`. */
  rand(size: number): number[] {
    return Array.from({ length: size }, () => this.randomSample())
  }

  /** `uniform(low, high)` for one value. */
  uniform(low: number, high: number): number {
    return low + (high - low) * this.randomSample()
  }

  /** `choice(n, p=p, size=size)` with replacement. */
  choice(n: number, p: readonly number[], size: number): number[] {
    if (p.length !== n) throw new RangeError('`p` must have one probability per choice')
    const cdf: number[] = []
    let total = 0
    for (const value of p) {
      total += value
      cdf.push(total)
    }
    const last = cdf[cdf.length - 1]!
    for (let i = 0; i < cdf.length; i += 1) cdf[i] = cdf[i]! / last
    return this.rand(size).map((u) => searchSortedRight(cdf, u))
  }
}

/** NumPy's `searchsorted(side='right')`: the first index whose value is greater than `value`. */
function searchSortedRight(sorted: readonly number[], value: number): number {
  let low = 0
  let high = sorted.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (sorted[middle]! <= value) low = middle + 1
    else high = middle
  }
  return low
}
