/**
 * The MT19937 generator that CPython's `random` and NumPy's legacy `RandomState` share: the two
 * seeding procedures (`init_genrand` from one 32-bit word, `init_by_array` from a key), tempered
 * 32-bit outputs and the 53-bit doubles both libraries derive from them.
 *
 * @example
 * const twister = new MersenneTwister()
 * twister.initGenrand(9)
 * twister.random53() // numpy.random.RandomState(9).random_sample()
 */
export class MersenneTwister {
  private readonly state = new Uint32Array(624)
  private index = 625

  /** Seeds from one 32-bit word (NumPy's `RandomState.seed(n)`). */
  initGenrand(seed: number): void {
    const mt = this.state
    mt[0] = seed >>> 0
    for (let i = 1; i < 624; i += 1) {
      const previous = mt[i - 1]! ^ (mt[i - 1]! >>> 30)
      mt[i] = (Math.imul(1812433253, previous) + i) >>> 0
    }
    this.index = 624
  }

  /** Seeds from a key of 32-bit words (CPython's `random.seed(n)`). */
  initByArray(key: readonly number[]): void {
    const mt = this.state
    this.initGenrand(19650218)
    let i = 1
    let j = 0
    for (let k = Math.max(624, key.length); k > 0; k -= 1) {
      const previous = mt[i - 1]! ^ (mt[i - 1]! >>> 30)
      mt[i] = ((mt[i]! ^ Math.imul(previous, 1664525)) + key[j]! + j) >>> 0
      i += 1
      j += 1
      if (i >= 624) {
        mt[0] = mt[623]!
        i = 1
      }
      if (j >= key.length) j = 0
    }
    for (let k = 623; k > 0; k -= 1) {
      const previous = mt[i - 1]! ^ (mt[i - 1]! >>> 30)
      mt[i] = ((mt[i]! ^ Math.imul(previous, 1566083941)) - i) >>> 0
      i += 1
      if (i >= 624) {
        mt[0] = mt[623]!
        i = 1
      }
    }
    mt[0] = 0x80000000
  }

  /** One tempered 32-bit output. */
  nextUint32(): number {
    const mt = this.state
    if (this.index >= 624) {
      for (let k = 0; k < 624; k += 1) {
        const y = (mt[k]! & 0x80000000) | (mt[(k + 1) % 624]! & 0x7fffffff)
        mt[k] = mt[(k + 397) % 624]! ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0)
      }
      this.index = 0
    }
    let y = mt[this.index]!
    this.index += 1
    y ^= y >>> 11
    y ^= (y << 7) & 0x9d2c5680
    y ^= (y << 15) & 0xefc60000
    y ^= y >>> 18
    return y >>> 0
  }

  /** A double in [0, 1) from 53 random bits (`random()` / `random_sample()`). */
  random53(): number {
    const a = this.nextUint32() >>> 5
    const b = this.nextUint32() >>> 6
    return (a * 67108864 + b) / 9007199254740992
  }
}
