import { InvalidArgumentError } from '../../errors/dspy-error.ts'

/**
 * The `auto` presets: how many candidates each level plans for (DSPy's `AUTO_RUN_SETTINGS`).
 *
 * @example
 * gepaAutoRunSettings.medium.n // 12
 */
export const autoRunSettings = {
  light: { n: 6 },
  medium: { n: 12 },
  heavy: { n: 18 },
} as const

/** An `auto` budget level. */
export type GepaAutoLevel = keyof typeof autoRunSettings

/**
 * DSPy's `GEPA.auto_budget`: the metric-call budget an `auto` level stands for. With
 * `N = int(max(4·P·log2(n), 1.5·n))` trials it counts the seed evaluation (`V`), five
 * bootstrap calls per candidate, `N` minibatches of `minibatchSize` and the periodic full
 * evaluations of the valset.
 *
 * @example
 * gepaAutoBudget({ numPredictors: 1, numCandidates: 6, valsetSize: 10 }) // 420
 */
export function autoBudget(options: {
  numPredictors: number
  numCandidates: number
  valsetSize: number
  minibatchSize?: number
  fullEvalSteps?: number
}): number {
  const { numPredictors, numCandidates, valsetSize } = options
  const minibatchSize = options.minibatchSize ?? 35
  const fullEvalSteps = options.fullEvalSteps ?? 5
  const numTrials = Math.trunc(
    Math.max(2 * (numPredictors * 2) * Math.log2(numCandidates), 1.5 * numCandidates),
  )
  if (numTrials < 0 || valsetSize < 0 || minibatchSize < 0) {
    throw new InvalidArgumentError({
      message: 'num_trials, valset_size, and minibatch_size must be >= 0.',
    })
  }
  if (fullEvalSteps < 1)
    throw new InvalidArgumentError({ message: 'full_eval_steps must be >= 1.' })
  let total = valsetSize + numCandidates * 5 + numTrials * minibatchSize
  if (numTrials === 0) return total
  const periodicFulls = Math.floor((numTrials + 1) / fullEvalSteps) + 1
  const extraFinal = numTrials < fullEvalSteps ? 1 : 0
  total += (periodicFulls + extraFinal) * valsetSize
  return total
}
