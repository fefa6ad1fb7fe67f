import { NoLmConfiguredError } from '../errors/dspy-error.ts'
import type { BaseLM } from '../lm/base-lm.ts'
import { Module } from '../primitives/module.ts'
import type { Prediction } from '../primitives/prediction.ts'
import { context, settings, type TraceStep } from '../settings/settings.ts'

/** Scores one attempt: the call's inputs and its prediction → a number (higher is better). */
export type RewardFunction = (
  args: Record<string, unknown>,
  prediction: Prediction,
) => number | Promise<number>

/** Options of {@link BestOfN}, DSPy's `BestOfN(module, N, reward_fn, threshold, fail_count)`. */
export interface BestOfNOptions {
  module: Module
  /** The most attempts (DSPy's `N`). */
  n: number
  rewardFn: RewardFunction
  /** The first attempt whose reward reaches it is returned at once. */
  threshold: number
  /** Failed attempts tolerated before the error is rethrown (default: `n`). */
  failCount?: number
}

/** One finished attempt: its prediction, trace, reward and the module copy that made it. */
export interface RolloutAttempt {
  prediction: Prediction
  trace: TraceStep[]
  reward: number
  module: Module
}

/**
 * The LM attempts are derived from: the module's own, else the configured one.
 *
 * @example
 * const start = (rolloutBaseLm(program).kwargs.rollout_id as number | undefined) ?? 0
 */
export function rolloutBaseLm(module: Module): BaseLM {
  const lm = module.getLm() ?? (settings.get('lm') as BaseLM | undefined)
  if (!lm) throw new NoLmConfiguredError()
  return lm
}

/**
 * One attempt as DSPy runs it: a deep copy of the module on `lm.copy({ rollout_id, temperature: 1.0 })`,
 * called in a fresh trace (`context({ trace: [] })`), then scored by the reward function there.
 *
 * @example
 * const attempt = await runRolloutAttempt({ module: qa, lm, rolloutId: 1, inputs, rewardFn })
 * attempt.reward // the reward of this rollout's prediction
 */
export async function runRolloutAttempt(options: {
  module: Module
  lm: BaseLM
  rolloutId: number
  inputs: Record<string, unknown>
  rewardFn: RewardFunction
  run?: (module: Module) => Promise<Prediction>
}): Promise<RolloutAttempt> {
  const copy = options.module.deepcopy()
  copy.setLm(options.lm.copy({ rollout_id: options.rolloutId, temperature: 1.0 }))
  return context({ trace: [] }, async () => {
    const prediction = await (options.run ? options.run(copy) : copy.call(options.inputs))
    const trace = [...(settings.get('trace') ?? [])]
    const reward = await options.rewardFn(options.inputs, prediction)
    return { prediction, trace, reward, module: copy }
  })
}

/**
 * Adds the winning attempt's trace to the caller's trace, as DSPy does.
 *
 * @example
 * extendTrace(best.trace)
 */
export function extendTrace(trace: TraceStep[] | undefined): void {
  const current = settings.get('trace')
  if (trace && trace.length > 0 && current) current.push(...trace)
}

/**
 * DSPy's failure rule: rethrow when the attempt index passes the remaining fail count.
 *
 * @example
 * toleratesFailure({ index: 2, failCount: 1 }) // false: rethrow
 */
export function toleratesFailure(options: { index: number; failCount: number }): boolean {
  return options.index <= options.failCount
}

/**
 * DSPy's `BestOfN`: runs a module up to `n` times, each with its own rollout id at temperature
 * 1.0, and returns the first prediction whose reward reaches `threshold`, else the best one.
 *
 * @example
 * const qa = new ChainOfThought('question -> answer')
 * const oneWord: RewardFunction = (_args, prediction) =>
 *   String(prediction.answer).split(' ').length === 1 ? 1 : 0
 * const best = new BestOfN({ module: qa, n: 3, rewardFn: oneWord, threshold: 1 })
 * const { answer } = await best.call({ question: 'What is the capital of Belgium?' })
 */
export class BestOfN extends Module {
  module: Module
  rewardFn: RewardFunction
  threshold: number
  n: number
  failCount: number

  constructor(options: BestOfNOptions) {
    super()
    this.module = options.module
    this.rewardFn = options.rewardFn
    this.threshold = options.threshold
    this.n = options.n
    this.failCount = options.failCount || options.n
  }

  /**
   * Tries rollout ids `start .. start + n - 1` (start: the LM's `rollout_id`, else 0). Throws the
   * last error when no attempt succeeded (DSPy returns None there).
   */
  async forward(inputs: Record<string, unknown>): Promise<Prediction> {
    const lm = rolloutBaseLm(this.module)
    const start = (lm.kwargs.rollout_id as number | undefined) ?? 0
    let best: RolloutAttempt | undefined
    let failCount = this.failCount
    let lastError: unknown
    for (let index = 0; index < this.n; index += 1) {
      const rolloutId = start + index
      try {
        const attempt = await runRolloutAttempt({
          module: this.module,
          lm,
          rolloutId,
          inputs,
          rewardFn: this.rewardFn,
        })
        if (attempt.reward > (best?.reward ?? Number.NEGATIVE_INFINITY)) best = attempt
        if (attempt.reward >= this.threshold) break
      } catch (error) {
        console.warn(
          `BestOfN: Attempt ${index + 1} failed with rollout id ${rolloutId}: ${(error as Error)?.message ?? error}`,
        )
        if (!toleratesFailure({ index, failCount })) throw error
        failCount -= 1
        lastError = error
      }
    }
    if (!best)
      throw lastError ?? new Error('BestOfN: no attempt produced a reward above -Infinity.')
    extendTrace(best.trace)
    return best.prediction
  }
}
