/**
 * @module optimizers/tpe
 * A Tree-structured Parzen Estimator for categorical search spaces and a small Optuna-style
 * study, used by MIPROv2's Bayesian search.
 */
export {
  type CategoricalChoice,
  CategoricalDistribution,
} from './categorical-distribution.ts'
export { NumpyRandomState } from './numpy-random-state.ts'
export { CategoricalParzenEstimator, defaultWeights } from './parzen-estimator.ts'
export { RandomSampler } from './random-sampler.ts'
export type {
  FrozenTrial,
  Sampler,
  SamplerStudy,
  SearchSpace,
  StudyDirection,
  TrialState,
} from './sampler.ts'
export {
  type AddTrialOptions,
  createStudy,
  type CreateStudyOptions,
  type Objective,
  Study,
} from './study.ts'
export { defaultGamma, TPESampler, type TPESamplerOptions } from './tpe-sampler.ts'
export { Trial, type TrialHost } from './trial.ts'
