import { InvalidArgumentError, NoLmConfiguredError } from '../../errors/dspy-error.ts'
import { Evaluate } from '../../evaluate/evaluate.ts'
import type { MetricValue } from '../../evaluate/evaluation-result.ts'
import type { BaseLM } from '../../lm/base-lm.ts'
import type { Example } from '../../primitives/example.ts'
import type { Module } from '../../primitives/module.ts'
import { Prediction } from '../../primitives/prediction.ts'
import { pythonStrip } from '../../python/py-text.ts'
import type { PythonRandom } from '../../python/python-random.ts'
import { settings, type TraceStep } from '../../settings/settings.ts'
import type { Signature } from '../../signatures/signature.ts'
import type { Candidate } from './gepa-state.ts'
import { extractInstruction, renderInstructionProposalPrompt } from './instruction-proposal.ts'
import { pythonScoreText } from './python-text.ts'
import {
  buildReflectiveExamples,
  type PredictorFeedback,
  type ReflectiveExample,
} from './reflective-dataset.ts'
import { captureTraces, type FailedPrediction, type TraceData } from './trace-capture.ts'

/** A score with textual feedback, as a GEPA metric may return it (DSPy's `ScoreWithFeedback`). */
export type ScoreWithFeedback = Prediction | { score: number | boolean; feedback?: string | null }

/**
 * DSPy's `GEPAFeedbackMetric`: `metric(gold, pred, trace, predName, predTrace)`. Evaluations
 * call it with two or three arguments; reflection adds the predictor's name and its trace steps
 * to ask for feedback on that predictor.
 */
export type GEPAFeedbackMetric = (
  gold: Example,
  pred: Prediction,
  trace?: TraceStep[] | null,
  predName?: string | null,
  predTrace?: TraceStep[] | null,
) => number | boolean | ScoreWithFeedback | Promise<number | boolean | ScoreWithFeedback>

/** DSPy's `ProposalFn`: writes new instructions for the named components. */
export type InstructionProposer = (args: {
  candidate: Candidate
  reflectiveDataset: Record<string, ReflectiveExample[]>
  componentsToUpdate: string[]
}) => Record<string, string> | Promise<Record<string, string>>

/** Scores (and, when traced, trajectories) of one candidate on a batch (gepa's `EvaluationBatch`). */
export interface EvaluationBatch {
  outputs: (Prediction | FailedPrediction)[]
  scores: number[]
  trajectories?: TraceData[]
}

/** A metric value as a Prediction when it carries feedback (plain `{ score, feedback }` objects too). */
function asMetricValue(value: unknown): MetricValue {
  if (value !== null && typeof value === 'object' && !(value instanceof Prediction))
    return new Prediction(value as Record<string, unknown>)
  return value as MetricValue
}

const mismatchWarning =
  'The score returned by the metric with pred_name is different from the overall metric score. This can indicate 2 things: Either the metric is non-deterministic (e.g., LLM-as-judge, Semantic score, etc.) or the metric returned a score specific to pred_name that differs from the module level score. Currently, GEPA does not support predictor level scoring (support coming soon), and only requires a feedback text to be provided, which can be specific to the predictor or program level. GEPA will ignore the differing score returned, and instead use module level score. You can safely ignore this warning if using a semantic metric, however, if this mismatch is caused due to predictor scoring, please return module-level scores. To disable this warning, set warn_on_score_mismatch=False.'

/**
 * DSPy's `DspyAdapter`: turns candidates (predictor name → instruction) into programs,
 * evaluates them (through Evaluate, tracing predictor calls for reflection), builds the
 * reflective dataset and asks the reflection LM (or a custom proposer) for new instructions.
 *
 * @example
 * const adapter = new GepaProgramAdapter({ student, metric, rng: new PythonRandom(0), reflectionLm })
 * const batch = await adapter.evaluate({ batch: minibatch, candidate, captureTraces: true })
 */
export class GepaProgramAdapter {
  private warnOnScoreMismatch: boolean
  private readonly studentPredictors: Map<string, Module>

  constructor(
    private readonly options: {
      student: Module
      metric: GEPAFeedbackMetric
      rng: PythonRandom
      failureScore?: number
      numThreads?: number
      addFormatFailureAsFeedback?: boolean
      reflectionLm?: BaseLM
      instructionProposer?: InstructionProposer
      warnOnScoreMismatch?: boolean
      reflectionMinibatchSize?: number
    },
  ) {
    this.warnOnScoreMismatch = options.warnOnScoreMismatch ?? true
    this.studentPredictors = new Map(options.student.namedPredictors())
  }

  private get failureScore(): number {
    return this.options.failureScore ?? 0
  }

  /** A copy of the student with the candidate's instructions. */
  buildProgram(candidate: Candidate): Module {
    const program = this.options.student.deepcopy()
    for (const [name, predictor] of program.namedPredictors()) {
      if (!(name in candidate)) continue
      const holder = predictor as unknown as { signature: Signature }
      holder.signature = holder.signature.withInstructions(candidate[name]!)
    }
    return program
  }

  private toScore(value: MetricValue | null | undefined): number {
    if (value === null || value === undefined) return this.failureScore
    if (value instanceof Prediction) return (value.get('score') as number) ?? this.failureScore
    return typeof value === 'boolean' ? Number(value) : value
  }

  /**
   * Scores a candidate on a batch. With `captureTraces` it runs DSPy's `bootstrap_trace_data`
   * path (Evaluate with `{ metric_key: 'eval_full' }` for batches larger than the reflection
   * minibatch, else `{ disable_logging: true }`); otherwise a plain Evaluate without metadata.
   */
  async evaluate(options: {
    batch: Example[]
    candidate: Candidate
    captureTraces: boolean
  }): Promise<EvaluationBatch> {
    const { batch } = options
    const program = this.buildProgram(options.candidate)
    const minibatchSize = this.options.reflectionMinibatchSize
    const metric = async (example: Example, prediction: Prediction, trace?: TraceStep[]) =>
      asMetricValue(await this.options.metric(example, prediction, trace))
    if (options.captureTraces) {
      const run = await captureTraces({
        program,
        dataset: batch,
        metric,
        numThreads: this.options.numThreads,
        failureScore: this.failureScore,
        formatFailureScore: this.failureScore,
        callbackMetadata:
          minibatchSize === undefined || batch.length > minibatchSize
            ? { metric_key: 'eval_full' }
            : { disable_logging: true },
      })
      return {
        outputs: run.outputs,
        scores: run.scores.map((score) => this.toScore(score)),
        trajectories: run.trajectories,
      }
    }
    const evaluator = new Evaluate({
      devset: batch,
      metric: (example, prediction) => metric(example, prediction),
      numThreads: this.options.numThreads,
      failureScore: this.failureScore,
      provideTraceback: true,
      maxErrors: batch.length * 100,
    })
    const result = await evaluator.call(program)
    return {
      outputs: result.results.map(([, prediction]) => prediction),
      scores: result.results.map(([, , score]) => this.toScore(score)),
    }
  }

  private async feedback(
    name: string,
    args: Parameters<Parameters<typeof buildReflectiveExamples>[0]['feedback']>[0],
  ): Promise<PredictorFeedback> {
    const predTrace: TraceStep[] = [
      {
        predictor: this.studentPredictors.get(name),
        inputs: args.predictorInputs,
        prediction: args.predictorOutput,
      },
    ]
    const output = asMetricValue(
      await this.options.metric(
        args.moduleInputs,
        args.moduleOutputs,
        args.capturedTrace,
        name,
        predTrace,
      ),
    )
    if (output instanceof Prediction && output.has('feedback')) {
      if (output.get('feedback') === null || output.get('feedback') === undefined)
        output.set(
          'feedback',
          `This trajectory got a score of ${pythonScoreText(output.get('score'))}.`,
        )
      return { score: output.get('score'), feedback: output.get('feedback') }
    }
    return { score: output, feedback: `This trajectory got a score of ${pythonScoreText(output)}.` }
  }

  /** DSPy's `make_reflective_dataset`: reflective examples per component to update. */
  async makeReflectiveDataset(
    candidate: Candidate,
    evaluation: EvaluationBatch,
    components: string[],
  ): Promise<Record<string, ReflectiveExample[]>> {
    const program = this.buildProgram(candidate)
    const predictors = new Map(program.namedPredictors())
    const dataset: Record<string, ReflectiveExample[]> = {}
    for (const name of components) {
      const predictor = predictors.get(name)
      if (!predictor) throw new InvalidArgumentError({ message: `Predictor not found: ${name}` })
      const items = await buildReflectiveExamples({
        predictor,
        trajectories: evaluation.trajectories ?? [],
        rng: this.options.rng,
        addFormatFailureAsFeedback: this.options.addFormatFailureAsFeedback ?? false,
        feedback: (args) => this.feedback(name, args),
        onScoreMismatch: () => {
          if (!this.warnOnScoreMismatch) return
          console.warn(mismatchWarning)
          this.warnOnScoreMismatch = false
        },
      })
      if (items.length === 0) {
        console.warn(`  No valid reflective examples found for ${name}`)
        continue
      }
      dataset[name] = items
    }
    if (Object.keys(dataset).length === 0)
      throw new InvalidArgumentError({ message: 'No valid predictions found for any module.' })
    return dataset
  }

  /** New instructions from the custom proposer, else from gepa's reflection prompt. */
  async proposeNewTexts(
    candidate: Candidate,
    reflectiveDataset: Record<string, ReflectiveExample[]>,
    componentsToUpdate: string[],
  ): Promise<Record<string, string>> {
    const lm = (this.options.reflectionLm ?? settings.get('lm')) as BaseLM | undefined
    const proposer = this.options.instructionProposer
    if (proposer) {
      return settings.context({ lm }, async () =>
        proposer({ candidate, reflectiveDataset, componentsToUpdate }),
      )
    }
    if (!lm) throw new NoLmConfiguredError()
    return settings.context({ lm }, async () => {
      const results: Record<string, string> = {}
      for (const name of componentsToUpdate) {
        const examples = reflectiveDataset[name]
        if (!examples)
          throw new InvalidArgumentError({ message: `No reflective examples for ${name}.` })
        const prompt = renderInstructionProposalPrompt({
          currentInstruction: candidate[name]!,
          examples: examples as unknown as Record<string, unknown>[],
        })
        const [first] = await lm.call({ prompt })
        const text = typeof first === 'string' ? first : first?.text
        if (typeof text !== 'string') {
          throw new InvalidArgumentError({
            message: "Missing 'text' field in the output from the base LM!",
          })
        }
        results[name] = extractInstruction(pythonStrip(text))
      }
      return results
    })
  }
}
