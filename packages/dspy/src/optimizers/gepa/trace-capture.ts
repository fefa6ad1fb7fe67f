import { AdapterParseError } from '../../errors/adapter-parse-error.ts'
import { InvalidArgumentError } from '../../errors/dspy-error.ts'
import { Evaluate } from '../../evaluate/evaluate.ts'
import type { MetricValue } from '../../evaluate/evaluation-result.ts'
import type { Example } from '../../primitives/example.ts'
import type { Module } from '../../primitives/module.ts'
import { Prediction } from '../../primitives/prediction.ts'
import { settings, type TraceStep } from '../../settings/settings.ts'
import type { Signature } from '../../signatures/signature.ts'

/**
 * A predictor answer that could not be parsed (DSPy's `FailedPrediction`): the raw completion
 * and the score it is given.
 *
 * @example
 * const failed = new FailedPrediction('I refuse to follow the format.', 0)
 */
export class FailedPrediction {
  constructor(
    readonly completionText: string,
    readonly formatReward?: number,
  ) {}
}

/** One example run with its trace (DSPy's `TraceData`). */
export interface TraceData {
  exampleIndex: number
  example: Example
  /** The program's prediction, or the FailedPrediction of the step whose answer did not parse. */
  prediction: Prediction | FailedPrediction
  /** Every predictor call: `{ predictor, inputs, prediction }` (a FailedPrediction for a parse failure). */
  trace: TraceStep[]
  score: MetricValue
}

/** What {@link captureTraces} returns: per example its output and score, plus the traces. */
export interface CapturedRun {
  outputs: (Prediction | FailedPrediction)[]
  scores: MetricValue[]
  /** Examples whose program threw something other than a parse error have none. */
  trajectories: TraceData[]
}

type Forward = (inputs: Record<string, unknown>) => Promise<Prediction>
type MetricFn = (example: Example, prediction: Prediction, trace?: undefined) => unknown

function patchForward(module: Module, forward: Forward): () => void {
  const holder = module as unknown as { forward: Forward }
  holder.forward = forward
  return () => {
    delete (holder as Partial<typeof holder>).forward
  }
}

/**
 * DSPy's `bootstrap_trace_data` as GEPA calls it: runs `program` on `dataset` through Evaluate
 * (so evaluate callbacks fire with `callbackMetadata`), recording each example's predictor trace.
 * A predictor answer that fails to parse ends that example with a {@link FailedPrediction}
 * scored `formatFailureScore` (partly parsed answers move towards `failureScore`); other errors
 * are Evaluate's failures, scored `failureScore`, without a trajectory.
 *
 * @example
 * const run = await captureTraces({ program, dataset: minibatch, metric, failureScore: 0 })
 * run.trajectories[0].trace // [{ predictor, inputs, prediction }]
 */
export async function captureTraces(options: {
  program: Module
  dataset: Example[]
  metric: MetricFn
  numThreads?: number
  failureScore?: number
  formatFailureScore?: number
  callbackMetadata?: Record<string, unknown>
}): Promise<CapturedRun> {
  const { program, dataset } = options
  const failureScore = options.failureScore ?? 0
  const formatFailureScore = options.formatFailureScore ?? -1
  const failedBy = new WeakMap<object, Module>()
  const traces = new WeakMap<Prediction, TraceStep[]>()
  const failures = new WeakMap<Prediction, FailedPrediction>()
  const restores: (() => void)[] = []
  for (const predictor of program.predictors()) {
    const original = predictor.forward.bind(predictor)
    restores.push(
      patchForward(predictor, async (inputs) => {
        try {
          return await original(inputs)
        } catch (error) {
          if (error instanceof AdapterParseError && !failedBy.has(error))
            failedBy.set(error, predictor)
          throw error
        }
      }),
    )
  }
  const originalForward = program.forward.bind(program)
  restores.push(
    patchForward(program, (inputs) => {
      const trace: TraceStep[] = []
      return settings.context({ trace }, async () => {
        try {
          const prediction = await originalForward(inputs)
          traces.set(prediction, [...trace])
          return prediction
        } catch (error) {
          if (!(error instanceof AdapterParseError)) throw error
          const predictor = failedBy.get(error)
          if (!predictor) {
            throw new InvalidArgumentError({
              message: 'Failed to find the predictor whose answer could not be parsed.',
              cause: error,
            })
          }
          const signature = (predictor as unknown as { signature: Signature }).signature
          const expected = signature.outputFields.length
          const present = Object.keys(error.parsedResult ?? {}).length
          const formatReward =
            present > 0 && expected > 0
              ? formatFailureScore + (failureScore - formatFailureScore) * (present / expected)
              : formatFailureScore
          const failed = new FailedPrediction(error.lmResponse, formatReward)
          const placeholder = new Prediction({})
          traces.set(placeholder, [...trace, { predictor, inputs, prediction: failed }])
          failures.set(placeholder, failed)
          return placeholder
        }
      })
    }),
  )
  const evaluator = new Evaluate({
    devset: dataset,
    numThreads: options.numThreads,
    displayProgress: true,
    provideTraceback: false,
    maxErrors: dataset.length * 10,
    failureScore,
  })
  const metric = (example: Example, prediction: Prediction) => {
    const failed = failures.get(prediction)
    if (failed) return failed.formatReward || formatFailureScore
    return options.metric(example, prediction, undefined) as MetricValue
  }
  let rows: [Example, Prediction, MetricValue][]
  try {
    const result = await evaluator.call(program, {
      metric,
      ...(options.callbackMetadata ? { callbackMetadata: options.callbackMetadata } : {}),
    })
    rows = result.results
  } finally {
    for (const restore of restores) restore()
  }
  const trajectories: TraceData[] = []
  const outputs = rows.map(([example, prediction, score], exampleIndex) => {
    const output = failures.get(prediction) ?? prediction
    const trace = traces.get(prediction)
    if (trace) trajectories.push({ exampleIndex, example, prediction: output, trace, score })
    return output
  })
  return { outputs, scores: rows.map(([, , score]) => score), trajectories }
}
