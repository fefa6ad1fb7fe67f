import type { Callback } from '../callbacks/callback.ts'
import { runWithCallbacks } from '../callbacks/with-callbacks.ts'
import { InvalidArgumentError } from '../errors/dspy-error.ts'
import type { Example } from '../primitives/example.ts'
import { Prediction } from '../primitives/prediction.ts'
import { pythonFloatRepr, pythonNumberRepr } from '../python/py-float.ts'
import { settings } from '../settings/settings.ts'
import { runBounded } from '../utils/run-bounded.ts'
import {
  EvaluationResult,
  type EvaluationRow,
  type Metric,
  type MetricValue,
  metricScore,
} from './evaluation-result.ts'
import { ProgressBar, type ProgressStream } from './progress-bar.ts'
import { pythonRound } from './python-round.ts'
import { saveResults } from './results-files.ts'
import { formatResultsTable, metricNameOf, resultRecords } from './results-table.ts'

/** What Evaluate can run: a Module, or anything called with one object of named inputs. */
export interface EvaluateProgram {
  call(inputs: Record<string, unknown>): Promise<Prediction> | Prediction
}

/** Options of {@link Evaluate}, DSPy's `Evaluate(...)` keyword arguments in camelCase. */
export interface EvaluateOptions {
  devset: Example[]
  metric?: Metric
  /** Examples run at once (default: the `numThreads` setting). */
  numThreads?: number
  /** Show a progress bar on stderr with the running score (default false). */
  displayProgress?: boolean
  /** Print a results table: `true` for every row, a number for the first rows (default false). */
  displayTable?: boolean | number
  /** Cancel the run once this many examples failed (default: the `maxErrors` setting). */
  maxErrors?: number
  /** Log failures with their stack (default: the `provideTraceback` setting). */
  provideTraceback?: boolean
  /** The score of an example whose program or metric threw (default 0). */
  failureScore?: number
  /** Write the results rows to this CSV file. */
  saveAsCsv?: string
  /** Write the results rows to this JSON file. */
  saveAsJson?: string
  /** Callbacks of this instance, besides the `callbacks` setting. */
  callbacks?: Callback[]
  /** Where the progress bar is drawn (default `process.stderr`). */
  progressStream?: ProgressStream
}

/** Per-call overrides of {@link Evaluate.call} (DSPy's `__call__` keyword arguments). */
export interface EvaluateCallOptions {
  metric?: Metric
  devset?: Example[]
  numThreads?: number
  displayProgress?: boolean
  displayTable?: boolean | number
  /** Only seen by callbacks, e.g. `{ metric_key: 'eval_full' }` or `{ disable_logging: true }`. */
  callbackMetadata?: Record<string, unknown>
  saveAsCsv?: string
  saveAsJson?: string
}

/** The message of the error thrown when too many examples failed. */
export const executionCancelledMessage = 'Execution cancelled due to errors or interruption.'

/**
 * DSPy's `dspy.Evaluate`: runs a program on every example of a devset with bounded concurrency,
 * scores each prediction with `metric(example, prediction)` and returns an
 * {@link EvaluationResult} whose `score` is the percentage `round(100 * sum / n, 2)`.
 *
 * An example whose program or metric throws is logged and scored `failureScore` with an empty
 * Prediction; once `maxErrors` examples failed, the run is cancelled and `call` throws an
 * AggregateError «Execution cancelled due to errors or interruption.» whose `errors` are the
 * failures. Settings of the caller (`context({ lm }, ...)`) reach every example. Calls fire the
 * `onEvaluateStart` / `onEvaluateEnd` callbacks with DSPy's snake_case inputs.
 *
 * @example
 * const evaluate = new Evaluate({ devset, metric: answerExactMatch, numThreads: 8, displayProgress: true })
 * const result = await evaluate.call(program)
 * console.log(result.score) // e.g. 66.67
 */
export class Evaluate {
  devset: Example[]
  metric: Metric | undefined
  numThreads: number | undefined
  displayProgress: boolean
  displayTable: boolean | number
  maxErrors: number | undefined
  provideTraceback: boolean | undefined
  failureScore: number
  saveAsCsv: string | undefined
  saveAsJson: string | undefined
  callbacks: Callback[]
  /** Where the progress bar is drawn (default `process.stderr`). */
  progressStream: ProgressStream | undefined

  constructor(options: EvaluateOptions) {
    if (!options || !Array.isArray(options.devset)) {
      throw new InvalidArgumentError({ message: 'Evaluate needs a `devset` (a list of Examples).' })
    }
    if ('returnOutputs' in options || 'return_outputs' in options) {
      throw new InvalidArgumentError({
        message:
          '`returnOutputs` is no longer supported. Results are always returned inside the `results` field of the `EvaluationResult` object.',
      })
    }
    this.devset = options.devset
    this.metric = options.metric
    this.numThreads = options.numThreads
    this.displayProgress = options.displayProgress ?? false
    this.displayTable = options.displayTable ?? false
    this.maxErrors = options.maxErrors
    this.provideTraceback = options.provideTraceback
    this.failureScore = options.failureScore ?? 0
    this.saveAsCsv = options.saveAsCsv
    this.saveAsJson = options.saveAsJson
    this.callbacks = options.callbacks ?? []
    this.progressStream = options.progressStream
  }

  /** Evaluates `program`; options override the instance's for this call. */
  call(program: EvaluateProgram, options: EvaluateCallOptions = {}): Promise<EvaluationResult> {
    // The bound arguments of DSPy's `__call__`, as callbacks (MLflow's autolog) read them.
    const inputs = {
      program,
      metric: options.metric ?? null,
      devset: options.devset ?? null,
      num_threads: options.numThreads ?? null,
      display_progress: options.displayProgress ?? null,
      display_table: options.displayTable ?? null,
      callback_metadata: options.callbackMetadata ?? null,
      save_as_csv: options.saveAsCsv ?? null,
      save_as_json: options.saveAsJson ?? null,
    }
    return runWithCallbacks({
      kind: 'evaluate',
      instance: this,
      inputs,
      instanceCallbacks: this.callbacks,
      fn: () => this.run(program, options),
    })
  }

  private async run(
    program: EvaluateProgram,
    options: EvaluateCallOptions,
  ): Promise<EvaluationResult> {
    const metric = options.metric ?? this.metric
    const devset = options.devset ?? this.devset
    const displayProgress = options.displayProgress ?? this.displayProgress
    const displayTable = options.displayTable ?? this.displayTable
    if (typeof metric !== 'function') {
      throw new InvalidArgumentError({
        message: 'Evaluate needs a metric: pass `metric` to `new Evaluate(...)` or to `call`.',
      })
    }
    if (devset.length === 0) {
      throw new InvalidArgumentError({
        message: 'Evaluate needs at least one example in the devset.',
      })
    }
    const { rows, failures } = await this.execute({
      program,
      metric,
      devset,
      numThreads: options.numThreads ?? this.numThreads,
      displayProgress,
    })
    const total = rows.reduce((sum, [, , score]) => sum + metricScore(score), 0)
    const n = devset.length
    // Python sums ints to an int; the default failure score 0.0 makes the sum a float.
    const sumText =
      Number.isInteger(total) && failures === 0 ? pythonNumberRepr(total) : pythonFloatRepr(total)
    console.info(
      `Average Metric: ${sumText} / ${n} (${pythonFloatRepr(pythonRound((100 * total) / n, 1))}%)`,
    )
    const metricName = metricNameOf(metric)
    if (displayTable) {
      const records = resultRecords(rows, metricName)
      console.log(formatResultsTable(records, { metricName, limit: displayTable }))
    }
    const csvPath = options.saveAsCsv ?? this.saveAsCsv
    const jsonPath = options.saveAsJson ?? this.saveAsJson
    if (csvPath || jsonPath) {
      await saveResults({ records: resultRecords(rows, metricName), csvPath, jsonPath })
    }
    return new EvaluationResult({ score: pythonRound((100 * total) / n, 2), results: rows })
  }

  /** DSPy's ParallelExecutor with `compare_results=True`: rows in devset order. */
  private async execute(options: {
    program: EvaluateProgram
    metric: Metric
    devset: Example[]
    numThreads: number | undefined
    displayProgress: boolean
  }): Promise<{ rows: EvaluationRow[]; failures: number }> {
    const { program, metric, devset } = options
    const maxErrors = this.maxErrors ?? settings.get('maxErrors')
    const provideTraceback = this.provideTraceback ?? settings.get('provideTraceback')
    const controller = new AbortController()
    const errors: unknown[] = []
    const progress = new ProgressBar({
      total: devset.length,
      enabled: options.displayProgress,
      ...(this.progressStream ? { stream: this.progressStream } : {}),
    })
    let scored = 0
    let running = 0
    const outcomes = await runBounded({
      items: devset,
      concurrency: options.numThreads || settings.get('numThreads'),
      signal: controller.signal,
      worker: async (example): Promise<[Prediction, MetricValue]> => {
        const prediction = await program.call(Object.fromEntries(example.inputs().items()))
        const score = await metric(example, prediction)
        return [prediction, score]
      },
      onSettled: (outcome, index) => {
        if (outcome.status === 'fulfilled') {
          scored += 1
          running += safeScore(outcome.value[1])
        } else if (outcome.status === 'rejected') {
          errors.push(outcome.reason)
          logFailure(devset[index]!, outcome.reason, provideTraceback)
          if (errors.length >= maxErrors) controller.abort()
        }
        const percent = scored ? pythonFloatRepr(pythonRound((100 * running) / scored, 1)) : '0'
        progress.update(`Average Metric: ${running.toFixed(2)} / ${scored} (${percent}%)`)
      },
    })
    progress.close()
    if (controller.signal.aborted) {
      console.warn(executionCancelledMessage)
      throw new AggregateError(errors, executionCancelledMessage, { cause: errors[0] })
    }
    const rows = devset.map((example, index): EvaluationRow => {
      const outcome = outcomes[index]!
      if (outcome.status === 'fulfilled') return [example, outcome.value[0], outcome.value[1]]
      return [example, new Prediction({}), this.failureScore]
    })
    return { rows, failures: errors.length }
  }
}

function safeScore(value: unknown): number {
  try {
    return metricScore(value)
  } catch {
    return 0
  }
}

function logFailure(example: Example, error: unknown, provideTraceback: boolean): void {
  const message = (error as Error | undefined)?.message ?? String(error)
  const detail = provideTraceback
    ? `${message}\n${(error as Error | undefined)?.stack ?? ''}`
    : `${message}. Set \`provideTraceback: true\` for traceback.`
  console.error(`Error for ${example.toString()}: ${detail}`)
}
