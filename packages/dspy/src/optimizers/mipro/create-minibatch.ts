import type { PythonRandom } from '../../python/python-random.ts'

/**
 * DSPy's `create_minibatch(trainset, batch_size, rng)`: `batchSize` items (at most all of them)
 * drawn with `rng.sample` over the indices, so even a full-size batch comes out re-ordered and
 * the call always consumes the generator as Python's does.
 *
 * @example
 * const batch = createMinibatch({ items: valset, batchSize: 35, rng: new PythonRandom(9) })
 */
export function createMinibatch<T>(options: {
  items: readonly T[]
  batchSize: number
  rng: PythonRandom
}): T[] {
  const { items, rng } = options
  const size = Math.min(options.batchSize, items.length)
  const indices = rng.sample(
    Array.from({ length: items.length }, (_, index) => index),
    size,
  )
  return indices.map((index) => items[index]!)
}
