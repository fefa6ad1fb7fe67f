import { describe, expect, it } from 'vitest'
import { PythonRandom } from '../../python/python-random.ts'
import { EpochShuffledBatchSampler } from './batch-sampler.ts'

describe('EpochShuffledBatchSampler', () => {
  it('hands out the same minibatches as gepa (7 ids, size 3, seed 0)', () => {
    const sampler = new EpochShuffledBatchSampler({ minibatchSize: 3, rng: new PythonRandom(0) })
    const batches = Array.from({ length: 8 }, (_, iteration) =>
      sampler.nextMinibatchIds({ trainsetSize: 7, iteration }),
    )
    // Printed by gepa 0.1.4's EpochShuffledBatchSampler with random.Random(0).
    expect(batches).toEqual([
      [4, 2, 1],
      [0, 5, 3],
      [6, 6, 3],
      [1, 0, 4],
      [5, 6, 2],
      [3, 3, 2],
      [6, 3, 0],
      [5, 2, 1],
    ])
  })

  it('pads a trainset smaller than the minibatch and rejects an empty one', () => {
    const sampler = new EpochShuffledBatchSampler({ minibatchSize: 3, rng: new PythonRandom(0) })
    expect(sampler.nextMinibatchIds({ trainsetSize: 1, iteration: 0 })).toEqual([0, 0, 0])
    expect(() => sampler.nextMinibatchIds({ trainsetSize: 0, iteration: 1 })).toThrow('empty')
  })
})
