import type { CategoricalChoice, CategoricalDistribution } from './categorical-distribution.ts'
import { NumpyRandomState } from './numpy-random-state.ts'
import type { FrozenTrial, Sampler, SamplerStudy, SearchSpace } from './sampler.ts'

/** A seed for a NumpyRandomState when none is given. */
export function randomSeed(): number {
  return Math.floor(Math.random() * 2 ** 32)
}

/**
 * Uniform random search (Optuna's `RandomSampler`). As Optuna does for a categorical
 * parameter, it draws one uniform number per choice and takes the largest, so a seeded run
 * picks the same choices as Optuna with the same seed.
 *
 * @example
 * const study = createStudy({ direction: 'maximize', sampler: new RandomSampler({ seed: 1 }) })
 */
export class RandomSampler implements Sampler {
  private readonly rng: NumpyRandomState

  constructor(options: { seed?: number } = {}) {
    this.rng = new NumpyRandomState(options.seed ?? randomSeed())
  }

  inferRelativeSearchSpace(): SearchSpace {
    return new Map()
  }

  sampleRelative(): Record<string, CategoricalChoice> {
    return {}
  }

  sampleIndependent(
    _study: SamplerStudy,
    _trial: FrozenTrial,
    _name: string,
    distribution: CategoricalDistribution,
  ): CategoricalChoice {
    let best = 0
    let bestValue = Number.NEGATIVE_INFINITY
    for (let index = 0; index < distribution.choices.length; index += 1) {
      const value = this.rng.uniform(0, 1)
      if (value > bestValue) {
        best = index
        bestValue = value
      }
    }
    return distribution.toExternalRepr(best)
  }
}
