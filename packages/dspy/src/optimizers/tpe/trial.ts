import { InvalidArgumentError } from '../../errors/dspy-error.ts'
import { type CategoricalChoice, CategoricalDistribution } from './categorical-distribution.ts'
import type { FrozenTrial, Sampler, SamplerStudy, SearchSpace } from './sampler.ts'

/** What a {@link Trial} needs from its study. */
export interface TrialHost extends SamplerStudy {
  readonly sampler: Sampler
}

/**
 * A running trial handed to the objective (Optuna's `Trial`): `suggestCategorical` returns the
 * sampler's choice for a parameter and records it. The relative (joint) draw is made lazily at
 * the first suggestion, as in Optuna, so it sees every trial finished before that moment.
 *
 * @example
 * const index = trial.suggestCategorical('0_predictor_instruction', [0, 1, 2])
 */
export class Trial {
  readonly frozen: FrozenTrial
  private readonly host: TrialHost
  private relativeSpace: SearchSpace | undefined
  private relativeParams: Record<string, CategoricalChoice> | undefined

  constructor(host: TrialHost, frozen: FrozenTrial) {
    this.host = host
    this.frozen = frozen
  }

  /** 0-based trial number. */
  get number(): number {
    return this.frozen.number
  }

  /** The parameters suggested so far. */
  get params(): Record<string, CategoricalChoice> {
    return { ...this.frozen.params }
  }

  /** A choice for the categorical parameter `name` (the same one when asked again). */
  suggestCategorical<T extends CategoricalChoice>(name: string, choices: Iterable<T>): T {
    const distribution = new CategoricalDistribution<T>(choices)
    const previous = this.frozen.distributions[name]
    if (previous) {
      if (!previous.equals(distribution)) {
        throw new InvalidArgumentError({
          message: `Cannot set different distribution kind to the same parameter name '${name}'.`,
        })
      }
      return this.frozen.params[name] as T
    }
    let value: T
    if (distribution.single()) value = distribution.choices[0]!
    else {
      const relative = this.relative()
      const relativeDistribution = this.relativeSpace?.get(name)
      if (name in relative && relativeDistribution?.equals(distribution))
        value = relative[name] as T
      else {
        value = this.host.sampler.sampleIndependent(this.host, this.frozen, name, distribution) as T
      }
    }
    distribution.toInternalRepr(value)
    this.frozen.params[name] = value
    this.frozen.distributions[name] = distribution as CategoricalDistribution
    return value
  }

  private relative(): Record<string, CategoricalChoice> {
    if (!this.relativeParams) {
      this.relativeSpace = this.host.sampler.inferRelativeSearchSpace(this.host, this.frozen)
      this.relativeParams = this.host.sampler.sampleRelative(
        this.host,
        this.frozen,
        this.relativeSpace,
      )
    }
    return this.relativeParams
  }
}
