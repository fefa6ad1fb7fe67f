import type { Example } from '../primitives/example.ts'
import type { Module } from '../primitives/module.ts'
import { PythonRandom } from '../python/python-random.ts'
import { type CompileOptions, Optimizer } from './optimizer.ts'

/** Options of {@link LabeledFewShot}. */
export interface LabeledFewShotOptions {
  /** Demos per predictor (default 16). */
  k?: number
  /** Seed of the sampling (default 0, DSPy's fixed `random.Random(0)`). */
  seed?: number
}

/** `LabeledFewShot.compile` options. */
export interface LabeledFewShotCompileOptions extends CompileOptions {
  /** Sample the demos at random (seed 0) rather than taking the first `k` (default true). */
  sample?: boolean
}

/** A predictor's learnable demos. */
export interface WithDemos {
  demos: unknown[]
}

/**
 * DSPy's `LabeledFewShot`: every predictor gets `k` labeled examples of the trainset as demos,
 * sampled with one `random.Random(0)` shared across predictors (or the first `k` when `sample`
 * is false). The student is copied and reset first; the original is never changed.
 *
 * @example
 * const compiled = await new LabeledFewShot({ k: 4 }).compile(program, { trainset })
 */
export class LabeledFewShot extends Optimizer<LabeledFewShotCompileOptions> {
  k: number
  declare student?: Module
  declare trainset?: Example[]

  constructor(options: LabeledFewShotOptions = {}) {
    super()
    this.k = options.k ?? 16
    this.#seed = options.seed ?? 0
  }

  /** Private so that `getParams()` stays DSPy's (MLflow logs it as the optimizer's params). */
  readonly #seed: number

  protected override compileCallInputs(
    student: Module,
    options: LabeledFewShotCompileOptions,
  ): Record<string, unknown> {
    return { student, trainset: options.trainset, sample: options.sample ?? true }
  }

  protected async compileProgram<P extends Module>(
    student: P,
    options: LabeledFewShotCompileOptions,
  ): Promise<P> {
    const program = student.resetCopy()
    this.student = program
    this.trainset = options.trainset
    const trainset = options.trainset
    if (trainset.length === 0) return program
    const rng = new PythonRandom(this.#seed)
    const size = Math.min(this.k, trainset.length)
    for (const predictor of program.predictors()) {
      ;(predictor as unknown as WithDemos).demos =
        (options.sample ?? true) ? rng.sample(trainset, size) : trainset.slice(0, size)
    }
    return program
  }
}
