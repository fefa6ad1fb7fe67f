import { InvalidArgumentError } from '../../errors/dspy-error.ts'
import type { PythonRandom } from '../../python/python-random.ts'

/**
 * gepa's `EpochShuffledBatchSampler`: shuffles the training ids once per epoch, pads the list to
 * a multiple of the minibatch size with the least used ids, and hands out consecutive slices
 * (iteration `i` gets slice `i` modulo the epoch).
 *
 * @example
 * const sampler = new EpochShuffledBatchSampler({ minibatchSize: 3, rng: new PythonRandom(0) })
 * sampler.nextMinibatchIds({ trainsetSize: 10, iteration: 0 }) // three shuffled ids
 */
export class EpochShuffledBatchSampler {
  readonly minibatchSize: number
  private readonly rng: PythonRandom
  private shuffledIds: number[] = []
  private epoch = -1
  private lastTrainsetSize = 0

  constructor(options: { minibatchSize: number; rng: PythonRandom }) {
    this.minibatchSize = options.minibatchSize
    this.rng = options.rng
  }

  private refresh(trainsetSize: number): void {
    this.lastTrainsetSize = trainsetSize
    this.shuffledIds = Array.from({ length: trainsetSize }, (_, index) => index)
    this.rng.shuffle(this.shuffledIds)
    const frequency = new Map<number, number>(this.shuffledIds.map((id) => [id, 1]))
    const remainder = trainsetSize % this.minibatchSize
    const padding = remainder === 0 ? 0 : this.minibatchSize - remainder
    for (let added = 0; added < padding; added += 1) {
      // Counter.most_common()[::-1][0]: the lowest count, the last-inserted id among ties.
      let chosen = -1
      let lowest = Number.POSITIVE_INFINITY
      for (const [id, count] of frequency) {
        if (count <= lowest) {
          lowest = count
          chosen = id
        }
      }
      this.shuffledIds.push(chosen)
      frequency.set(chosen, lowest + 1)
    }
  }

  /** The training ids of the minibatch for an iteration (0-based). */
  nextMinibatchIds(options: { trainsetSize: number; iteration: number }): number[] {
    const { trainsetSize, iteration } = options
    if (trainsetSize === 0) {
      throw new InvalidArgumentError({
        message: 'Cannot sample a minibatch from an empty trainset.',
      })
    }
    const start = iteration * this.minibatchSize
    const currentEpoch =
      this.epoch === -1 ? 0 : Math.floor(start / Math.max(this.shuffledIds.length, 1))
    if (
      this.shuffledIds.length === 0 ||
      trainsetSize !== this.lastTrainsetSize ||
      currentEpoch > this.epoch
    ) {
      this.epoch = currentEpoch
      this.refresh(trainsetSize)
    }
    const offset = start % this.shuffledIds.length
    return this.shuffledIds.slice(offset, offset + this.minibatchSize)
  }
}
