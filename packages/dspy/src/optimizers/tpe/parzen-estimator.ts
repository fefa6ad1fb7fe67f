import { linspace, pairwiseSum } from './numpy-math.ts'
import type { NumpyRandomState } from './numpy-random-state.ts'

/**
 * Optuna's `default_weights(n)`: ones, with a linear ramp for the oldest when n > 25.
 *
 * @example
 * defaultWeights(3) // [1, 1, 1]
 */
export function defaultWeights(count: number): number[] {
  if (count === 0) return []
  if (count < 25) return Array.from({ length: count }, () => 1)
  return [...linspace(1 / count, 1, count - 25), ...Array.from({ length: 25 }, () => 1)]
}

/** Options of {@link CategoricalParzenEstimator}. */
export interface ParzenEstimatorOptions {
  /** Per parameter (in search-space order): the number of choices. */
  choiceCounts: readonly number[]
  /** Observed trials, oldest first: per trial, the choice index of every parameter. */
  observations: readonly (readonly number[])[]
  /** Weight of the prior kernel (uniform over the choices); Optuna's default is 1. */
  priorWeight?: number
  /** Kernel weights by number of observations; Optuna's `default_weights`. */
  weights?: (count: number) => number[]
}

/**
 * A multivariate Parzen estimator over categorical parameters, as Optuna's TPE builds it: one
 * kernel per observed trial plus a prior kernel, each a product over the parameters of a
 * categorical distribution that puts `priorWeight / kernels` on every choice and 1 more on the
 * observed one (renormalised). Sampling picks a kernel by the mixture weights, then one choice
 * per parameter; `logPdf` is the log of the mixture density.
 *
 * @example
 * const below = new CategoricalParzenEstimator({ choiceCounts: [3], observations: [[2]] })
 * below.logPdf([[2], [0]]) // [log(0.625), log(0.1875)]
 */
export class CategoricalParzenEstimator {
  /** Normalised mixture weights, one per kernel (the prior last). */
  readonly kernelWeights: number[]
  /** Per parameter: per kernel, the probabilities of the choices. */
  readonly choiceWeights: number[][][]

  constructor(options: ParzenEstimatorOptions) {
    const priorWeight = options.priorWeight ?? 1
    const observations = options.observations
    const raw =
      observations.length === 0
        ? [1]
        : [...(options.weights ?? defaultWeights)(observations.length), priorWeight]
    const total = pairwiseSum(raw)
    this.kernelWeights = raw.map((weight) => weight / total)
    this.choiceWeights = options.choiceCounts.map((choiceCount, parameter) => {
      if (observations.length === 0)
        return [Array.from({ length: choiceCount }, () => 1 / choiceCount)]
      const kernels = observations.length + 1
      return Array.from({ length: kernels }, (_, kernel) => {
        const row = Array.from({ length: choiceCount }, () => priorWeight / kernels)
        const observed = observations[kernel]?.[parameter]
        if (observed !== undefined) row[observed] = row[observed]! + 1
        const sum = pairwiseSum(row)
        return row.map((value) => value / (sum === 0 ? 1 : sum))
      })
    })
  }

  /** `size` draws: per draw, the choice index of every parameter. */
  sample(rng: NumpyRandomState, size: number): number[][] {
    const active = rng.choice(this.kernelWeights.length, this.kernelWeights, size)
    const samples = Array.from({ length: size }, () => [] as number[])
    for (const kernels of this.choiceWeights) {
      const quantiles = rng.rand(size)
      for (let draw = 0; draw < size; draw += 1) {
        const row = kernels[active[draw]!]!
        let cumulative = 0
        let index = 0
        for (let choice = 0; choice < row.length; choice += 1) {
          cumulative = choice === row.length - 1 ? 1 : cumulative + row[choice]!
          if (cumulative < quantiles[draw]!) index += 1
        }
        samples[draw]!.push(index)
      }
    }
    return samples
  }

  /** The log density of each sample under the mixture. */
  logPdf(samples: readonly (readonly number[])[]): number[] {
    const logKernelWeights = this.kernelWeights.map(Math.log)
    return samples.map((sample) => {
      const perKernel = this.kernelWeights.map((_, kernel) => {
        let value = 0
        for (const [parameter, kernels] of this.choiceWeights.entries()) {
          value += Math.log(kernels[kernel]![sample[parameter]!]!)
        }
        return value + logKernelWeights[kernel]!
      })
      let max = Math.max(...perKernel)
      if (max === Number.NEGATIVE_INFINITY) max = 0
      return Math.log(pairwiseSum(perKernel.map((value) => Math.exp(value - max)))) + max
    })
  }
}
