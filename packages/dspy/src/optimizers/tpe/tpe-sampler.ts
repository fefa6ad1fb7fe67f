import type { CategoricalChoice, CategoricalDistribution } from './categorical-distribution.ts'
import { NumpyRandomState } from './numpy-random-state.ts'
import { CategoricalParzenEstimator, defaultWeights } from './parzen-estimator.ts'
import { RandomSampler, randomSeed } from './random-sampler.ts'
import type { FrozenTrial, Sampler, SamplerStudy, SearchSpace } from './sampler.ts'

/**
 * Optuna's `default_gamma(n)`: how many of the n finished trials count as good.
 *
 * @example
 * defaultGamma(11) // 2
 */
export function defaultGamma(count: number): number {
  return Math.min(Math.ceil(0.1 * count), 25)
}

/** Options of {@link TPESampler}, Optuna's names in camelCase. */
export interface TPESamplerOptions {
  /** Seeds both the TPE draws and the random start-up draws. Random when omitted. */
  seed?: number
  /** Trials drawn at random before TPE starts. Default 10. */
  nStartupTrials?: number
  /** Candidates drawn from the good-trial estimator per suggestion. Default 24. */
  nEiCandidates?: number
  /** Number of good trials given the number of finished ones. Default {@link defaultGamma}. */
  gamma?: (count: number) => number
  /** Weight of the uniform prior kernel. Default 1. */
  priorWeight?: number
  /** Kernel weights given the number of observations. Default Optuna's `default_weights`. */
  weights?: (count: number) => number[]
  /** Sample all parameters jointly (Optuna's `multivariate=True`). Default true. */
  multivariate?: boolean
}

/**
 * The Tree-structured Parzen Estimator for categorical parameters, as Optuna's
 * `TPESampler(seed, multivariate=True)`: the first `nStartupTrials` trials are random; then the
 * finished trials are split into the best `gamma(n)` ("below") and the rest ("above"), a Parzen
 * estimator is built over each, `nEiCandidates` candidates are drawn from the good one and the
 * candidate with the highest log l(x) − log g(x) (expected improvement) is chosen.
 *
 * For categorical parameters the draws use NumPy's generator and NumPy's summation order, so a
 * seeded study suggests the same parameters as Optuna 5.0 (up to last-bit differences between
 * NumPy's and V8's `log`/`exp`, which can only matter for near-ties). Not supported: float and
 * integer distributions, pruned trials, multi-objective studies, constraints, `group`, and
 * `constant_liar`.
 *
 * @example
 * const study = createStudy({ direction: 'maximize', sampler: new TPESampler({ seed: 9 }) })
 */
export class TPESampler implements Sampler {
  private readonly rng: NumpyRandomState
  private readonly randomSampler: RandomSampler
  private readonly nStartupTrials: number
  private readonly nEiCandidates: number
  private readonly gamma: (count: number) => number
  private readonly priorWeight: number
  private readonly weights: (count: number) => number[]
  private readonly multivariate: boolean

  constructor(options: TPESamplerOptions = {}) {
    const seed = options.seed ?? randomSeed()
    this.rng = new NumpyRandomState(seed)
    this.randomSampler = new RandomSampler({ seed })
    this.nStartupTrials = options.nStartupTrials ?? 10
    this.nEiCandidates = options.nEiCandidates ?? 24
    this.gamma = options.gamma ?? defaultGamma
    this.priorWeight = options.priorWeight ?? 1
    this.weights = options.weights ?? defaultWeights
    this.multivariate = options.multivariate ?? true
  }

  /** The parameters every finished trial has with the same distribution, sorted by name. */
  inferRelativeSearchSpace(study: SamplerStudy): SearchSpace {
    if (!this.multivariate) return new Map()
    let space: Map<string, CategoricalDistribution> | undefined
    for (const trial of study.getTrials(['complete'])) {
      const current = new Map(Object.entries(trial.distributions))
      if (!space) space = current
      else {
        for (const [name, distribution] of space) {
          const other = current.get(name)
          if (!other?.equals(distribution)) space.delete(name)
        }
      }
    }
    const names = [...(space?.keys() ?? [])].sort(compareCodePoints)
    const result: SearchSpace = new Map()
    for (const name of names) {
      const distribution = space!.get(name)!
      if (!distribution.single()) result.set(name, distribution)
    }
    return result
  }

  sampleRelative(
    study: SamplerStudy,
    _trial: FrozenTrial,
    searchSpace: SearchSpace,
  ): Record<string, CategoricalChoice> {
    if (searchSpace.size === 0) return {}
    if (study.getTrials(['complete']).length < this.nStartupTrials) return {}
    return this.sample(study, searchSpace)
  }

  sampleIndependent(
    study: SamplerStudy,
    trial: FrozenTrial,
    name: string,
    distribution: CategoricalDistribution,
  ): CategoricalChoice {
    if (study.getTrials(['complete']).length < this.nStartupTrials) {
      return this.randomSampler.sampleIndependent(study, trial, name, distribution)
    }
    return this.sample(study, new Map([[name, distribution]]))[name]!
  }

  private sample(study: SamplerStudy, searchSpace: SearchSpace): Record<string, CategoricalChoice> {
    const trials = study.getTrials(['complete'])
    const sorted = [...trials].sort((a, b) =>
      study.direction === 'maximize' ? b.value! - a.value! : a.value! - b.value!,
    )
    const belowCount = Math.min(this.gamma(trials.length), sorted.length)
    const byNumber = (a: FrozenTrial, b: FrozenTrial) => a.number - b.number
    const below = sorted.slice(0, belowCount).sort(byNumber)
    const above = sorted.slice(belowCount).sort(byNumber)
    const names = [...searchSpace.keys()]
    const distributions = [...searchSpace.values()]
    const estimator = (group: FrozenTrial[]) =>
      new CategoricalParzenEstimator({
        choiceCounts: distributions.map((distribution) => distribution.choices.length),
        observations: group
          .filter((trial) => names.every((name) => name in trial.params))
          .map((trial) =>
            names.map((name, index) => distributions[index]!.toInternalRepr(trial.params[name]!)),
          ),
        priorWeight: this.priorWeight,
        weights: this.weights,
      })
    const good = estimator(below)
    const bad = estimator(above)
    const candidates = good.sample(this.rng, this.nEiCandidates)
    const goodLog = good.logPdf(candidates)
    const badLog = bad.logPdf(candidates)
    // NumPy's argmax: the first maximum, or the first NaN.
    let best = 0
    let bestScore = Number.NEGATIVE_INFINITY
    for (let index = 0; index < candidates.length; index += 1) {
      const score = goodLog[index]! - badLog[index]!
      if (Number.isNaN(score)) {
        best = index
        break
      }
      if (score > bestScore) {
        best = index
        bestScore = score
      }
    }
    return Object.fromEntries(
      names.map((name, index) => [
        name,
        distributions[index]!.toExternalRepr(candidates[best]![index]!),
      ]),
    )
  }
}

/** Python's string order (by code point). */
function compareCodePoints(a: string, b: string): number {
  const left = [...a]
  const right = [...b]
  for (let index = 0; index < Math.min(left.length, right.length); index += 1) {
    const difference = left[index]!.codePointAt(0)! - right[index]!.codePointAt(0)!
    if (difference !== 0) return difference
  }
  return left.length - right.length
}
