/**
 * Optimizers (DSPy's teleprompters) and Evaluate, re-exported for `packages/dspy/src/index.ts`.
 *
 * @example
 * import { BootstrapFewShot, Evaluate, answerExactMatch } from './optimizers/index.ts'
 */
export {
  type EvaluateCallOptions,
  type EvaluateOptions,
  type EvaluateProgram,
  Evaluate,
  executionCancelledMessage,
} from '../evaluate/evaluate.ts'
export {
  EvaluationResult,
  type EvaluationRow,
  type Metric,
  type MetricValue,
  metricScore,
} from '../evaluate/evaluation-result.ts'
export {
  answerExactMatch,
  answerPassageMatch,
  emScore,
  f1Score,
  normalizeText,
} from '../evaluate/metrics.ts'
export {
  BootstrapFewShot,
  type BootstrapFewShotCompileOptions,
  type BootstrapFewShotOptions,
} from './bootstrap-few-shot.ts'
export {
  BootstrapFewShotWithRandomSearch,
  type BootstrapFewShotWithRandomSearchOptions,
  BootstrapRS,
  type CandidateProgram,
  type RandomSearchCompileOptions,
  type RandomSearchProgram,
} from './bootstrap-random-search.ts'
export {
  createNFewshotDemoSets,
  type CreateNFewshotDemoSetsOptions,
} from './create-few-shot-demo-sets.ts'
export {
  LabeledFewShot,
  type LabeledFewShotCompileOptions,
  type LabeledFewShotOptions,
} from './labeled-few-shot.ts'
export {
  type CompileOptions,
  Optimizer,
  Teleprompter,
  type TrialReport,
} from './optimizer.ts'
export * from './mipro/index.ts'
export * from './tpe/index.ts'
