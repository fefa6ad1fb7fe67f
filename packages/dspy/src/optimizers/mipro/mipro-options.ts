import type { Callback } from '../../callbacks/callback.ts'
import { InvalidArgumentError } from '../../errors/dspy-error.ts'
import type { Metric } from '../../evaluate/evaluation-result.ts'
import type { BaseLM } from '../../lm/base-lm.ts'
import type { Module } from '../../primitives/module.ts'
import type { SettingsValues } from '../../settings/settings.ts'
import type { CompileOptions } from '../optimizer.ts'
import { type AutoRunMode, numTrialsFromCandidates } from './auto-settings.ts'

/** Options of {@link MIPROv2}, DSPy's constructor arguments in camelCase. */
export interface MIPROv2Options {
  metric: Metric
  /** The LM that writes instructions (default: the `lm` setting). */
  promptModel?: BaseLM
  /** The LM of the program during bootstrapping and search (default: the `lm` setting). */
  taskModel?: BaseLM
  teacherSettings?: Partial<SettingsValues>
  maxBootstrappedDemos?: number
  maxLabeledDemos?: number
  /** `light` (default), `medium`, `heavy`, or `null` to give `numCandidates` and `numTrials`. */
  auto?: AutoRunMode | null
  numCandidates?: number
  numThreads?: number
  maxErrors?: number
  /** Default 9. */
  seed?: number
  initTemperature?: number
  verbose?: boolean
  /** Attach trial logs and candidate programs to the result (default true). */
  trackStats?: boolean
  /** Save every evaluated program under `{logDir}/evaluated_programs/`. */
  logDir?: string
  metricThreshold?: number
  callbacks?: Callback[]
}

/** `MIPROv2.compile` options, DSPy's keyword arguments in camelCase. */
export interface MIPROv2CompileOptions extends CompileOptions {
  numTrials?: number
  maxBootstrappedDemos?: number
  maxLabeledDemos?: number
  seed?: number
  /** Search on minibatches of the valset (default true; `auto` decides by valset size). */
  minibatch?: boolean
  minibatchSize?: number
  minibatchFullEvalSteps?: number
  programAwareProposer?: boolean
  dataAwareProposer?: boolean
  viewDataBatchSize?: number
  tipAwareProposer?: boolean
  fewshotAwareProposer?: boolean
  /** Deprecated: `false` only warns, `true` throws (there is no confirmation step). */
  requiresPermissionToRun?: boolean
  provideTraceback?: boolean
}

/** The compile arguments callbacks receive, as DSPy binds them (defaults included). */
export function compileCallArguments(
  student: Module,
  options: MIPROv2CompileOptions,
): Record<string, unknown> {
  return {
    student,
    trainset: options.trainset,
    teacher: options.teacher ?? null,
    valset: options.valset ?? null,
    num_trials: options.numTrials ?? null,
    max_bootstrapped_demos: options.maxBootstrappedDemos ?? null,
    max_labeled_demos: options.maxLabeledDemos ?? null,
    seed: options.seed ?? null,
    minibatch: options.minibatch ?? true,
    minibatch_size: options.minibatchSize ?? 35,
    minibatch_full_eval_steps: options.minibatchFullEvalSteps ?? 5,
    program_aware_proposer: options.programAwareProposer ?? true,
    data_aware_proposer: options.dataAwareProposer ?? true,
    view_data_batch_size: options.viewDataBatchSize ?? 10,
    tip_aware_proposer: options.tipAwareProposer ?? true,
    fewshot_aware_proposer: options.fewshotAwareProposer ?? true,
    requires_permission_to_run: options.requiresPermissionToRun ?? null,
    provide_traceback: options.provideTraceback ?? null,
  }
}

/**
 * The argument checks of DSPy's `MIPROv2.compile`: `requiresPermissionToRun: true` throws
 * (`false` warns); without `auto` both `numCandidates` and `numTrials` are needed (a missing
 * `numTrials` names a recommended value); with `auto` neither may be given.
 */
export function validateCompileOptions(options: {
  auto: AutoRunMode | null
  numCandidates: number | undefined
  numTrials: number | undefined
  requiresPermissionToRun: boolean | undefined
  numPredictors: number
  zeroshot: boolean
}): void {
  const { auto, numCandidates, numTrials } = options
  if (options.requiresPermissionToRun === false) {
    console.warn(
      "'requires_permission_to_run' is deprecated and will be removed in a future version.",
    )
  } else if (options.requiresPermissionToRun === true) {
    throw new InvalidArgumentError({
      message:
        "User confirmation is removed from MIPROv2. Please remove the 'requires_permission_to_run' argument.",
    })
  }
  if (auto === null && numCandidates !== undefined && numTrials === undefined) {
    const recommended = numTrialsFromCandidates({
      numPredictors: options.numPredictors,
      zeroshot: options.zeroshot,
      numCandidates,
    })
    throw new InvalidArgumentError({
      message: `If auto is None, num_trials must also be provided. Given num_candidates=${numCandidates}, we'd recommend setting num_trials to ~${recommended}.`,
    })
  }
  if (auto === null && (numCandidates === undefined || numTrials === undefined)) {
    throw new InvalidArgumentError({
      message: 'If auto is None, num_candidates must also be provided.',
    })
  }
  if (auto !== null && (numCandidates !== undefined || numTrials !== undefined)) {
    throw new InvalidArgumentError({
      message:
        'If auto is not None, num_candidates and num_trials cannot be set, since they would be overridden by the auto settings. Please either set auto to None, or do not specify num_candidates and num_trials.',
    })
  }
}
