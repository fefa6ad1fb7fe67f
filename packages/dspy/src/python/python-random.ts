import { MersenneTwister } from './mersenne-twister.ts'

/**
 * Python's `random.Random` (Mersenne Twister MT19937), reproduced bit for bit for the methods DSPy
 * uses: seeding from an int, `random()`, `getrandbits`, `randrange`/`randint`, `choice`, `shuffle`
 * and `sample` (with Python's switch between the pool and the set algorithm). Given the same seed,
 * the same calls return the same values as CPython 3.11, so demo selection, dataset splits and
 * candidate sets match DSPy's.
 *
 * @example
 * const rng = new PythonRandom(0)
 * rng.shuffle(items) // the same order as random.Random(0).shuffle(items)
 */
export class PythonRandom {
  private readonly twister = new MersenneTwister()

  constructor(seed: number | bigint = 0) {
    this.seed(seed)
  }

  /** `random.seed(n)` for an integer: the absolute value, split into 32-bit words. */
  seed(seed: number | bigint): void {
    let value = BigInt(seed)
    if (value < 0n) value = -value
    const key: number[] = []
    while (value > 0n) {
      key.push(Number(value & 0xffffffffn))
      value >>= 32n
    }
    if (key.length === 0) key.push(0)
    this.twister.initByArray(key)
  }

  private nextUint32(): number {
    return this.twister.nextUint32()
  }

  /** `random()`: a float in [0, 1) with 53 random bits. */
  random(): number {
    return this.twister.random53()
  }

  /** `getrandbits(k)` as a bigint (k may exceed 32). */
  getrandbits(bits: number): bigint {
    if (bits <= 0) return 0n
    let result = 0n
    let shift = 0n
    let remaining = bits
    while (remaining > 0) {
      let word = this.nextUint32()
      if (remaining < 32) word >>>= 32 - remaining
      result |= BigInt(word) << shift
      shift += 32n
      remaining -= 32
    }
    return result
  }

  /** `_randbelow(n)`: rejection sampling on `n.bit_length()` random bits. */
  randbelow(n: number): number {
    if (n <= 0) throw new RangeError('randbelow needs a positive bound')
    const bits = n.toString(2).length
    let value = Number(this.getrandbits(bits))
    while (value >= n) value = Number(this.getrandbits(bits))
    return value
  }

  /** `randrange(start, stop)` with step 1. */
  randrange(start: number, stop?: number): number {
    if (stop === undefined) return this.randbelow(start)
    if (stop <= start) throw new RangeError(`empty range for randrange(${start}, ${stop})`)
    return start + this.randbelow(stop - start)
  }

  /** `randint(a, b)`: both ends included. */
  randint(low: number, high: number): number {
    return this.randrange(low, high + 1)
  }

  /** `choice(seq)`. */
  choice<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('Cannot choose from an empty sequence')
    return items[this.randbelow(items.length)]!
  }

  /** `shuffle(list)` in place (Fisher-Yates from the end, as CPython). */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i -= 1) {
      const j = this.randbelow(i + 1)
      const swap = items[i]!
      items[i] = items[j]!
      items[j] = swap
    }
    return items
  }

  /** `sample(population, k)`, including CPython's choice of algorithm by population size. */
  sample<T>(population: readonly T[], k: number): T[] {
    const n = population.length
    if (k < 0 || k > n) throw new RangeError('Sample larger than population or is negative')
    const result: T[] = new Array(k)
    let setSize = 21
    if (k > 5) setSize += 4 ** Math.ceil(Math.log(k * 3) / Math.log(4))
    if (n <= setSize) {
      const pool = [...population]
      for (let i = 0; i < k; i += 1) {
        const j = this.randbelow(n - i)
        result[i] = pool[j]!
        pool[j] = pool[n - i - 1]!
      }
    } else {
      const selected = new Set<number>()
      for (let i = 0; i < k; i += 1) {
        let j = this.randbelow(n)
        while (selected.has(j)) j = this.randbelow(n)
        selected.add(j)
        result[i] = population[j]!
      }
    }
    return result
  }
}
