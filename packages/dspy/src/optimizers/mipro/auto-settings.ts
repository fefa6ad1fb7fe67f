/** DSPy MIPROv2's constants and `auto` presets (`mipro_optimizer_v2.py`). */

/** Augmented demos shown to the instruction proposer. */
export const BOOTSTRAPPED_FEWSHOT_EXAMPLES_IN_CONTEXT = 3
/** Labeled demos bootstrapped for zero-shot runs (they only inform the proposer). */
export const LABELED_FEWSHOT_EXAMPLES_IN_CONTEXT = 0
/** A valset larger than this is searched with minibatches in `auto` mode. */
export const MIN_MINIBATCH_SIZE = 50

/** The `auto` run modes. */
export type AutoRunMode = 'light' | 'medium' | 'heavy'

/**
 * Per mode: the number of candidates `n` and the largest valset used.
 *
 * @example
 * AUTO_RUN_SETTINGS.medium // { n: 12, valSize: 300 }
 */
export const AUTO_RUN_SETTINGS: Readonly<Record<AutoRunMode, { n: number; valSize: number }>> = {
  light: { n: 6, valSize: 100 },
  medium: { n: 12, valSize: 300 },
  heavy: { n: 18, valSize: 1000 },
}

/**
 * DSPy's `_set_num_trials_from_num_candidates`: `int(max(2 * V * log2(n), 1.5 * n))` where V is
 * the number of predictors, doubled unless zero-shot (instructions and demos are both searched).
 *
 * @example
 * numTrialsFromCandidates({ numPredictors: 1, zeroshot: false, numCandidates: 6 }) // 10
 */
export function numTrialsFromCandidates(options: {
  numPredictors: number
  zeroshot: boolean
  numCandidates: number
}): number {
  const variables = options.numPredictors * (options.zeroshot ? 1 : 2)
  return Math.trunc(
    Math.max(2 * variables * Math.log2(options.numCandidates), 1.5 * options.numCandidates),
  )
}

/**
 * DSPy's adjusted trial count: with minibatches, the full evaluations every `steps` trials (and
 * one at the end when `numTrials` is not a multiple of `steps`) take trial numbers too.
 *
 * @example
 * adjustedNumTrials({ numTrials: 10, minibatch: true, fullEvalSteps: 5 }) // 13
 */
export function adjustedNumTrials(options: {
  numTrials: number
  minibatch: boolean
  fullEvalSteps: number
}): number {
  const { numTrials, fullEvalSteps } = options
  if (!options.minibatch) return numTrials
  const extraAtEnd = numTrials % fullEvalSteps !== 0 ? 1 : 0
  return numTrials + Math.floor(numTrials / fullEvalSteps) + 1 + extraAtEnd
}
