import type { Callback } from '../../callbacks/callback.ts'
import { InvalidArgumentError } from '../../errors/dspy-error.ts'
import type { BaseLM } from '../../lm/base-lm.ts'
import type { Module } from '../../primitives/module.ts'
import { PythonRandom } from '../../python/python-random.ts'
import type { Signature } from '../../signatures/signature.ts'
import { type CompileOptions, Optimizer } from '../optimizer.ts'
import { autoBudget, type GepaAutoLevel, autoRunSettings } from './auto-budget.ts'
import {
  type GEPAFeedbackMetric,
  GepaProgramAdapter,
  type InstructionProposer,
} from './gepa-adapter.ts'
import { type GepaProposalOutcome, runGepaEngine } from './gepa-engine.ts'
import { DspyGEPAResult } from './gepa-result.ts'
import { MergeProposer } from './merge.ts'
import { idxmax } from './pareto-front.ts'

/** Options of {@link GEPA}, DSPy's keyword arguments in camelCase. */
export interface GEPAOptions {
  /** `metric(gold, pred, trace, predName, predTrace)`: a score, or a Prediction `{ score, feedback }`. */
  metric: GEPAFeedbackMetric
  /** A preset budget: `light`, `medium` or `heavy` (exactly one budget option is required). */
  auto?: GepaAutoLevel
  /** Budget as full evaluations of trainset + valset. */
  maxFullEvals?: number
  /** Budget as metric calls. */
  maxMetricCalls?: number
  /** Training examples per reflection step (default 3). */
  reflectionMinibatchSize?: number
  /** How the parent is chosen: from the Pareto front (default) or the current best. */
  candidateSelectionStrategy?: 'pareto' | 'current_best'
  /** The LM that writes new instructions (required unless `instructionProposer` is given). */
  reflectionLm?: BaseLM
  /** Skip reflection when every minibatch score is perfect (default true). */
  skipPerfectScore?: boolean
  /** Show parse failures to the reflection LM (default false). */
  addFormatFailureAsFeedback?: boolean
  /** A custom proposer replacing gepa's reflection prompt. */
  instructionProposer?: InstructionProposer
  /** Merge Pareto candidates that share an ancestor (default true). */
  useMerge?: boolean
  /** At most this many merges (default 5). */
  maxMergeInvocations?: number
  numThreads?: number
  /** The score of a failed example (default 0). */
  failureScore?: number
  /** The best score the metric gives (default 1). */
  perfectScore?: number
  /** Attach `detailedResults` to the returned program (default false). */
  trackStats?: boolean
  /** Warn once when predictor-level and program-level scores differ (default true). */
  warnOnScoreMismatch?: boolean
  /** Seed of the Pareto sampling, minibatches, merges and trace choice (default 0). */
  seed?: number
  callbacks?: Callback[]
}

const noValsetWarning =
  'No valset provided; Using trainset as valset. This is useful as an inference-time scaling strategy where you want GEPA to find the best solutions for the provided tasks in the trainset, as it makes GEPA overfit prompts to the provided trainset. In order to ensure generalization and perform well on unseen tasks, please provide separate trainset and valset. Provide the smallest valset that is just large enough to match the downstream task distribution, while keeping trainset as large as possible.'

const text = (value: unknown) => (value === undefined ? 'None' : String(value))

/**
 * DSPy's `GEPA` (reflective prompt evolution, gepa 0.1.4 under DSPy 3.3.1): keeps a pool of
 * candidate instruction sets with a per-example Pareto front on the valset; each iteration picks
 * a parent, runs it on a training minibatch with traces, shows one predictor's inputs, outputs and
 * metric feedback to the reflection LM, and keeps the new instruction when the minibatch improves;
 * candidates sharing an ancestor are merged. Returns the best program by average validation score
 * (with `detailedResults` under `trackStats`). Each accepted or rejected candidate is reported to
 * `onTrialEnd`.
 *
 * @example
 * const metric = (gold, pred, trace?, predName?, predTrace?) =>
 *   new Prediction({ score: Number(gold.answer === pred.answer), feedback: `Expected ${gold.answer}` })
 * const gepa = new GEPA({ metric, reflectionLm: new LM('openai/gpt-4o'), auto: 'light' })
 * const optimized = await gepa.compile(program, { trainset, valset })
 */
export class GEPA extends Optimizer {
  metricFn: GEPAFeedbackMetric
  auto: GepaAutoLevel | undefined
  maxFullEvals: number | undefined
  maxMetricCalls: number | undefined
  reflectionMinibatchSize: number
  candidateSelectionStrategy: 'pareto' | 'current_best'
  reflectionLm: BaseLM | undefined
  skipPerfectScore: boolean
  addFormatFailureAsFeedback: boolean
  useMerge: boolean
  maxMergeInvocations: number
  numThreads: number | undefined
  failureScore: number
  perfectScore: number
  trackStats: boolean
  warnOnScoreMismatch: boolean
  seed: number
  customInstructionProposer: InstructionProposer | undefined

  constructor(options: GEPAOptions) {
    super()
    const { metric } = options
    if (typeof metric !== 'function' || metric.length < 5) {
      throw new InvalidArgumentError({
        message:
          'GEPA metric must accept five arguments: (gold, pred, trace, pred_name, pred_trace). See https://dspy.ai/api/optimizers/GEPA for details.',
      })
    }
    const budgets = [options.maxMetricCalls, options.maxFullEvals, options.auto]
    if (budgets.filter((budget) => budget !== undefined).length !== 1) {
      throw new InvalidArgumentError({
        message: `Exactly one of maxMetricCalls, maxFullEvals, auto must be set. You set maxMetricCalls=${text(options.maxMetricCalls)}, maxFullEvals=${text(options.maxFullEvals)}, auto=${text(options.auto)}.`,
      })
    }
    if (options.auto !== undefined && !(options.auto in autoRunSettings)) {
      throw new InvalidArgumentError({
        message: `Unknown auto level: ${options.auto}. Use 'light', 'medium' or 'heavy'.`,
      })
    }
    if (!options.reflectionLm && !options.instructionProposer) {
      throw new InvalidArgumentError({
        message:
          "GEPA requires a reflection language model, or custom instruction proposer to be provided. Typically, you can use `new LM('openai/gpt-5', { temperature: 1.0, maxTokens: 32000 })` to get a good reflection model. Reflection LM is used by GEPA to reflect on the behavior of the program and propose new instructions, and will benefit from a strong model.",
      })
    }
    const strategy = options.candidateSelectionStrategy ?? 'pareto'
    if (strategy !== 'pareto' && strategy !== 'current_best') {
      throw new InvalidArgumentError({
        message: `Unknown candidate_selector strategy: ${strategy}. Supported strategies: 'pareto', 'current_best'`,
      })
    }
    this.metricFn = metric
    this.auto = options.auto
    this.maxFullEvals = options.maxFullEvals
    this.maxMetricCalls = options.maxMetricCalls
    this.reflectionMinibatchSize = options.reflectionMinibatchSize ?? 3
    this.candidateSelectionStrategy = strategy
    this.reflectionLm = options.reflectionLm
    this.skipPerfectScore = options.skipPerfectScore ?? true
    this.addFormatFailureAsFeedback = options.addFormatFailureAsFeedback ?? false
    this.useMerge = options.useMerge ?? true
    this.maxMergeInvocations = options.maxMergeInvocations ?? 5
    this.numThreads = options.numThreads
    this.failureScore = options.failureScore ?? 0
    this.perfectScore = options.perfectScore ?? 1
    this.trackStats = options.trackStats ?? false
    this.warnOnScoreMismatch = options.warnOnScoreMismatch ?? true
    this.seed = options.seed ?? 0
    this.customInstructionProposer = options.instructionProposer
    if (options.callbacks) this.callbacks = options.callbacks
  }

  /** DSPy's `auto_budget`. */
  autoBudget(options: Parameters<typeof autoBudget>[0]): number {
    return autoBudget(options)
  }

  protected override compileCallInputs(student: Module, options: CompileOptions) {
    return {
      student,
      trainset: options.trainset,
      teacher: options.teacher ?? null,
      valset: options.valset ?? null,
    }
  }

  private budget(numPredictors: number, trainSize: number, valSize: number | undefined): number {
    if (this.auto !== undefined) {
      return autoBudget({
        numPredictors: Math.max(numPredictors, 1),
        numCandidates: autoRunSettings[this.auto].n,
        valsetSize: valSize ?? trainSize,
      })
    }
    if (this.maxFullEvals !== undefined) return this.maxFullEvals * (trainSize + (valSize ?? 0))
    return this.maxMetricCalls!
  }

  protected async compileProgram<P extends Module>(
    student: P,
    options: CompileOptions,
  ): Promise<P> {
    const { trainset } = options
    if (!trainset || trainset.length === 0)
      throw new InvalidArgumentError({ message: 'Trainset must be provided and non-empty' })
    if (options.teacher)
      throw new InvalidArgumentError({ message: 'Teacher is not supported in DspyGEPA yet.' })
    const predictors = student.namedPredictors()
    const givenValset = options.valset
    this.maxMetricCalls = this.budget(predictors.length, trainset.length, givenValset?.length)
    const evalSize = trainset.length + (givenValset?.length ?? 0)
    console.info(
      `Running GEPA for approx ${this.maxMetricCalls} metric calls of the program. This amounts to ${(this.maxMetricCalls / evalSize).toFixed(2)} full evals on the ${givenValset ? 'train+val' : 'train'} set.`,
    )
    if (!givenValset) console.warn(noValsetWarning)
    const valset = givenValset && givenValset.length > 0 ? givenValset : trainset
    console.info(`Using ${valset.length} examples for tracking Pareto scores.`)
    const adapter = new GepaProgramAdapter({
      student,
      metric: this.metricFn,
      rng: new PythonRandom(this.seed),
      failureScore: this.failureScore,
      numThreads: this.numThreads,
      addFormatFailureAsFeedback: this.addFormatFailureAsFeedback,
      reflectionLm: this.reflectionLm,
      instructionProposer: this.customInstructionProposer,
      warnOnScoreMismatch: this.warnOnScoreMismatch,
      reflectionMinibatchSize: this.reflectionMinibatchSize,
    })
    const seed = Object.fromEntries(
      predictors.map(([name, predictor]) => [
        name,
        (predictor as unknown as { signature: Signature }).signature.instructions,
      ]),
    )
    const rng = new PythonRandom(this.seed)
    const merge = this.useMerge
      ? new MergeProposer({
          rng,
          maxMergeInvocations: this.maxMergeInvocations,
          evaluate: async (candidate, ids) =>
            (
              await adapter.evaluate({
                batch: ids.map((id) => valset[id]!),
                candidate,
                captureTraces: false,
              })
            ).scores,
        })
      : undefined
    let trial = 0
    const state = await runGepaEngine({
      seed,
      trainset,
      valset,
      adapter,
      rng,
      maxMetricCalls: this.maxMetricCalls,
      candidateSelectionStrategy: this.candidateSelectionStrategy,
      reflectionMinibatchSize: this.reflectionMinibatchSize,
      skipPerfectScore: this.skipPerfectScore,
      perfectScore: this.perfectScore,
      merge,
      onOutcome: (outcome) => {
        trial += 1
        this.reportTrial(trial, outcome, adapter, valset.length)
      },
    })
    const best = adapter.buildProgram(state.candidates[idxmax(state.aggregateScores)]!) as P
    if (this.trackStats) {
      const programs = state.candidates.map((candidate) => adapter.buildProgram(candidate))
      ;(best as P & { detailedResults: DspyGEPAResult }).detailedResults = new DspyGEPAResult({
        state,
        programs,
        seed: this.seed,
      })
    }
    return best
  }

  private reportTrial(
    trial: number,
    outcome: GepaProposalOutcome,
    adapter: GepaProgramAdapter,
    valsetSize: number,
  ): void {
    const after = outcome.subsampleScoresAfter.reduce((total, score) => total + score, 0)
    this.emitTrial({
      trial,
      evaluation: outcome.accepted ? 'full' : 'minibatch',
      evaluationSize: outcome.accepted ? valsetSize : outcome.subsampleIds.length,
      score: outcome.accepted ? outcome.valsetScore! : after,
      candidate: Object.entries(outcome.candidate).map(([predictor, instruction]) => ({
        predictor,
        instruction,
      })),
      program: adapter.buildProgram(outcome.candidate),
      isBest: outcome.accepted ? outcome.isBest! : false,
      details: {
        tag: outcome.tag,
        accepted: outcome.accepted,
        iteration: outcome.iteration,
        parents: outcome.parents,
        candidateIndex: outcome.index,
        subsampleIds: outcome.subsampleIds,
        subsampleScoresBefore: outcome.subsampleScoresBefore,
        subsampleScoreAfter: after,
      },
    })
  }
}
