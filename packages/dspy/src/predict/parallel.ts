import { InvalidArgumentError } from '../errors/dspy-error.ts'
import { Example } from '../primitives/example.ts'
import type { Prediction } from '../primitives/prediction.ts'
import { pythonRepr } from '../python/py-repr.ts'
import { settings } from '../settings/settings.ts'
import { runBounded } from '../utils/run-bounded.ts'

/** Options of {@link Parallel}, DSPy's `Parallel(num_threads, max_errors, ...)` in camelCase. */
export interface ParallelOptions<ReturnFailed extends boolean = false> {
  /** How many pairs run at once (default: the `numThreads` setting). */
  numThreads?: number
  /** Cancel everything once this many pairs failed (default: the `maxErrors` setting). */
  maxErrors?: number
  /** Call modules with `example.inputs()` rather than the Example itself (default true). */
  accessExamples?: boolean
  /** Return `[results, failedExamples, exceptions]` instead of the results (default false). */
  returnFailedExamples?: ReturnFailed
  /** Log each failure with its stack (default: the `provideTraceback` setting). */
  provideTraceback?: boolean
  /** Accepted for DSPy parity; there is no progress bar. */
  disableProgressBar?: boolean
  /** Accepted for DSPy parity, not applied: DSPy re-submits straggling threads; promises are not re-run. */
  timeout?: number
  /** Accepted for DSPy parity, not applied (see `timeout`). */
  stragglerLimit?: number
}

/** What a pair may call: a Module (or anything with `call`), a nested Parallel, or a function. */
export type ParallelTarget =
  | { call(...args: never[]): unknown }
  | { bivarianceHack(...args: never[]): unknown }['bivarianceHack']

/** One unit of work: the target and its input (Example, record of named inputs, or argument list). */
export type ParallelPair = readonly [ParallelTarget, unknown]

/** DSPy's `(results, failed_examples, exceptions)` when `returnFailedExamples` is set. */
export type ParallelFailureReport<Result> = [
  results: (Result | null)[],
  failedExamples: unknown[],
  exceptions: unknown[],
]

/** What `call` resolves to: the results, or the failure report when `returnFailedExamples` is true. */
export type ParallelOutput<ReturnFailed extends boolean, Result> = ReturnFailed extends true
  ? ParallelFailureReport<Result>
  : (Result | null)[]

const cancelledMessage = 'Execution cancelled due to errors or interruption.'

function describe(value: unknown): string {
  if (value instanceof Example) return value.toString()
  if (
    value !== null &&
    typeof value === 'object' &&
    value.constructor !== Object &&
    !Array.isArray(value)
  ) {
    return String(value)
  }
  return pythonRepr(value)
}

/**
 * DSPy's `dspy.Parallel`: runs `(module, input)` pairs with bounded concurrency and returns their
 * results in input order, `null` for failures. Once `maxErrors` pairs have failed, the remaining
 * work is cancelled and `call` throws «Execution cancelled due to errors or interruption.».
 * Settings of the caller (`context({ lm }, ...)`) reach every worker through AsyncLocalStorage.
 *
 * @example
 * const predict = new Predict('question -> answer')
 * const parallel = new Parallel({ numThreads: 4 })
 * const results = await parallel.call([
 *   [predict, { question: 'What is 3 * 4?' }],
 *   [predict, new Example({ question: 'Who wrote Hamlet?' }).withInputs('question')],
 * ])
 */
export class Parallel<ReturnFailed extends boolean = false> {
  readonly numThreads: number
  readonly maxErrors: number
  readonly accessExamples: boolean
  readonly returnFailedExamples: ReturnFailed
  readonly provideTraceback: boolean | undefined
  readonly disableProgressBar: boolean
  readonly timeout: number
  readonly stragglerLimit: number

  constructor(options: ParallelOptions<ReturnFailed> = {}) {
    this.numThreads = options.numThreads || settings.get('numThreads')
    this.maxErrors = options.maxErrors ?? settings.get('maxErrors')
    this.accessExamples = options.accessExamples ?? true
    this.returnFailedExamples = (options.returnFailedExamples ?? false) as ReturnFailed
    this.provideTraceback = options.provideTraceback
    this.disableProgressBar = options.disableProgressBar ?? false
    this.timeout = options.timeout ?? 120
    this.stragglerLimit = options.stragglerLimit ?? 3
  }

  /** Runs every pair; `numThreads` overrides the instance's for this call (DSPy's `forward(exec_pairs, num_threads)`). */
  async call<Result = Prediction>(
    pairs: readonly ParallelPair[],
    options: { numThreads?: number } = {},
  ): Promise<ParallelOutput<ReturnFailed, Result>> {
    const provideTraceback = this.provideTraceback ?? settings.get('provideTraceback')
    const controller = new AbortController()
    const failedIndices: number[] = []
    const exceptions = new Map<number, unknown>()
    const outcomes = await runBounded({
      items: pairs,
      concurrency: options.numThreads ?? this.numThreads,
      signal: controller.signal,
      worker: (pair) => this.processPair(pair),
      onSettled: (outcome, index) => {
        if (outcome.status !== 'rejected') return
        failedIndices.push(index)
        exceptions.set(index, outcome.reason)
        const error = outcome.reason as Error | undefined
        const detail = provideTraceback
          ? `${error?.message ?? error}\n${error?.stack ?? ''}`
          : `${error?.message ?? error}. Set \`provideTraceback: true\` for traceback.`
        console.error(`Error for ${describe(pairs[index]![1])}: ${detail}`)
        if (failedIndices.length >= this.maxErrors) controller.abort()
      },
    })
    if (controller.signal.aborted) {
      console.warn(cancelledMessage)
      throw new Error(cancelledMessage)
    }
    const results = outcomes.map((outcome) =>
      outcome.status === 'fulfilled' ? (outcome.value ?? null) : null,
    ) as (Result | null)[]
    if (!this.returnFailedExamples) return results as ParallelOutput<ReturnFailed, Result>
    const failedExamples = failedIndices.map((index) => pairs[index]![1])
    const report: ParallelFailureReport<Result> = [
      results,
      failedExamples,
      failedIndices.map((index) => exceptions.get(index)),
    ]
    return report as ParallelOutput<ReturnFailed, Result>
  }

  /** An alias of `call`, as DSPy's `forward`. */
  forward<Result = Prediction>(
    pairs: readonly ParallelPair[],
    options: { numThreads?: number } = {},
  ): Promise<ParallelOutput<ReturnFailed, Result>> {
    return this.call<Result>(pairs, options)
  }

  /** DSPy's `process_pair`: Example → its inputs, record → named inputs, array → arguments or a nested run. */
  protected async processPair(pair: ParallelPair): Promise<unknown> {
    const [target, example] = pair
    if (example instanceof Example) {
      return invoke(target, [
        this.accessExamples ? Object.fromEntries(example.inputs().items()) : example,
      ])
    }
    if (Array.isArray(example)) {
      if (target instanceof Parallel) return target.call(example as ParallelPair[])
      return invoke(target, example)
    }
    if (isRecord(example)) return invoke(target, [example])
    throw new InvalidArgumentError({
      message: `Invalid example type: ${example === null ? 'null' : typeof example}, only supported types are Example, dict, list and tuple`,
    })
  }
}

/** A plain object (a Python dict of named inputs). */
function isRecord(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false
  const prototype = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

function invoke(target: ParallelTarget, args: unknown[]): unknown {
  if (typeof target === 'function') return (target as (...values: unknown[]) => unknown)(...args)
  if (target && typeof (target as { call?: unknown }).call === 'function') {
    return (target as { call(...values: unknown[]): unknown }).call(...args)
  }
  throw new InvalidArgumentError({
    message: 'A Parallel pair needs a module, an object with `call`, or a function.',
  })
}
