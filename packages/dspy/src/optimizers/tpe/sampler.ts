import type { CategoricalChoice, CategoricalDistribution } from './categorical-distribution.ts'

/** Where a trial is: Optuna's `TrialState` (pruning is not supported). */
export type TrialState = 'running' | 'complete' | 'fail'

/** Whether the study looks for the highest or the lowest objective value. */
export type StudyDirection = 'maximize' | 'minimize'

/** A trial as samplers see it (Optuna's `FrozenTrial`). */
export interface FrozenTrial {
  /** 0-based, in creation order; added trials take numbers too. */
  readonly number: number
  state: TrialState
  value: number | undefined
  /** Chosen values, in the order they were suggested. */
  params: Record<string, CategoricalChoice>
  distributions: Record<string, CategoricalDistribution>
}

/** The part of a study a sampler reads. */
export interface SamplerStudy {
  readonly direction: StudyDirection
  /** Trials in number order, optionally only those in the given states. */
  getTrials(states?: readonly TrialState[]): FrozenTrial[]
}

/** A search space: parameter name to distribution, in the order the sampler walks it. */
export type SearchSpace = Map<string, CategoricalDistribution>

/**
 * A sampler as Optuna defines one: a joint ("relative") draw for a search space inferred at the
 * start of a trial, and an independent draw for any other parameter.
 */
export interface Sampler {
  inferRelativeSearchSpace(study: SamplerStudy, trial: FrozenTrial): SearchSpace
  sampleRelative(
    study: SamplerStudy,
    trial: FrozenTrial,
    searchSpace: SearchSpace,
  ): Record<string, CategoricalChoice>
  sampleIndependent(
    study: SamplerStudy,
    trial: FrozenTrial,
    name: string,
    distribution: CategoricalDistribution,
  ): CategoricalChoice
}
