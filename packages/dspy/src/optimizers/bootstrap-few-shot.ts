import { InvalidArgumentError, NoLmConfiguredError } from '../errors/dspy-error.ts'
import type { Metric } from '../evaluate/evaluation-result.ts'
import type { BaseLM } from '../lm/base-lm.ts'
import { Example } from '../primitives/example.ts'
import type { Module } from '../primitives/module.ts'
import { Prediction } from '../primitives/prediction.ts'
import { PythonRandom } from '../python/python-random.ts'
import { context, type SettingsValues, settings, type TraceStep } from '../settings/settings.ts'
import type { Signature } from '../signatures/signature.ts'
import { examplesEqual, pythonTruthy, stableHash } from './python-semantics.ts'
import { LabeledFewShot, type WithDemos } from './labeled-few-shot.ts'
import { type CompileOptions, Optimizer } from './optimizer.ts'

/** Options of {@link BootstrapFewShot}, DSPy's constructor arguments in camelCase. */
export interface BootstrapFewShotOptions {
  /** Seed of the labeled-demo sampling and validation shuffle (default 0, DSPy's fixed `Random(0)`). */
  seed?: number
  /** `metric(example, prediction, trace)`: a truthy value (or one ≥ `metricThreshold`) keeps the trace. */
  metric?: Metric | undefined
  /** With a numeric metric: the value a trace must reach to become demos. */
  metricThreshold?: number | undefined
  /** Settings for the teacher's runs (e.g. `{ lm: bigLm }`). */
  teacherSettings?: Partial<SettingsValues> | undefined
  /** Bootstrapped (augmented) demos per predictor (default 4). */
  maxBootstrappedDemos?: number | undefined
  /** Labeled demos per predictor, also the teacher's demos (default 16). */
  maxLabeledDemos?: number | undefined
  /** Attempts per example; later rounds use `lm.copy({ rollout_id, temperature: 1.0 })` (default 1). */
  maxRounds?: number | undefined
  /** Throw once this many examples failed to run (default: the `maxErrors` setting). */
  maxErrors?: number | undefined
}

/** `BootstrapFewShot.compile` options. */
export interface BootstrapFewShotCompileOptions extends CompileOptions {
  /** The program that produces the traces (default: a copy of the student). */
  teacher?: Module | undefined
}

type Predictor = Module & WithDemos & { signature?: Signature }

function namedPredictorsOf(program: Module): [string, Predictor][] {
  return program.namedPredictors() as unknown as [string, Predictor][]
}

/**
 * DSPy's `BootstrapFewShot`: runs a teacher (the student with labeled demos, by default) on the
 * trainset in order, keeps the traces of runs the metric accepts as `augmented` demos, and gives
 * every predictor up to `maxBootstrappedDemos` of them plus labeled examples sampled from the
 * examples that were not bootstrapped. The returned program is a new, `compiled` copy.
 *
 * @example
 * const optimizer = new BootstrapFewShot({ metric: answerExactMatch, maxBootstrappedDemos: 2 })
 * const compiled = await optimizer.compile(program, { trainset })
 */
export class BootstrapFewShot extends Optimizer<BootstrapFewShotCompileOptions> {
  metric: Metric | undefined
  metricThreshold: number | undefined
  teacherSettings: Partial<SettingsValues>
  maxBootstrappedDemos: number
  maxLabeledDemos: number
  maxRounds: number
  maxErrors: number | undefined
  errorCount = 0
  declare trainset: Example[]
  declare student: Module
  declare teacher: Module
  declare name2predictor: Record<string, null>
  declare predictor2name: Map<unknown, string>
  declare name2traces: Record<string, Example[]>
  declare validation: Example[]

  constructor(options: BootstrapFewShotOptions = {}) {
    super()
    this.metric = options.metric
    this.metricThreshold = options.metricThreshold
    this.teacherSettings = options.teacherSettings ?? {}
    this.maxBootstrappedDemos = options.maxBootstrappedDemos ?? 4
    this.maxLabeledDemos = options.maxLabeledDemos ?? 16
    this.maxRounds = options.maxRounds ?? 1
    this.maxErrors = options.maxErrors
    this.#seed = options.seed ?? 0
  }

  /** Private so that `getParams()` stays DSPy's (MLflow logs it as the optimizer's params). */
  readonly #seed: number

  protected override compileCallInputs(
    student: Module,
    options: BootstrapFewShotCompileOptions,
  ): Record<string, unknown> {
    return { student, teacher: options.teacher ?? null, trainset: options.trainset }
  }

  protected async compileProgram<P extends Module>(
    student: P,
    options: BootstrapFewShotCompileOptions,
  ): Promise<P> {
    this.trainset = options.trainset
    await this.prepareStudentAndTeacher(student, options.teacher)
    this.preparePredictorMappings()
    await this.bootstrap()
    this.student = this.train()
    this.student.compiled = true
    return this.student as P
  }

  protected async prepareStudentAndTeacher(student: Module, teacher?: Module): Promise<void> {
    this.student = student.resetCopy()
    // As DSPy since Oct 2024: a deep copy (not a reset copy) of the student is the default teacher.
    this.teacher = teacher ? teacher.deepcopy() : student.deepcopy()
    if (this.student.compiled) {
      throw new InvalidArgumentError({ message: 'Student must be uncompiled.' })
    }
    if (this.maxLabeledDemos && !this.teacher.compiled) {
      const labeled = new LabeledFewShot({ k: this.maxLabeledDemos, seed: this.#seed })
      this.teacher = await labeled.compile(this.teacher.resetCopy(), { trainset: this.trainset })
    }
  }

  protected preparePredictorMappings(): void {
    const studentPredictors = namedPredictorsOf(this.student)
    const teacherPredictors = namedPredictorsOf(this.teacher)
    if (studentPredictors.length !== teacherPredictors.length) {
      throw new InvalidArgumentError({
        message: 'Student and teacher must have the same number of predictors.',
      })
    }
    this.name2predictor = {}
    this.predictor2name = new Map()
    for (const [index, [name1, predictor1]] of studentPredictors.entries()) {
      const [name2, predictor2] = teacherPredictors[index]!
      if (name1 !== name2) {
        throw new InvalidArgumentError({
          message: 'Student and teacher must have the same program structure.',
        })
      }
      const signature1 = predictor1.signature
      const signature2 = predictor2.signature
      const same =
        signature1 && signature2 ? signature1.equals(signature2) : signature1 === signature2
      if (!same) {
        throw new InvalidArgumentError({
          message: `Student and teacher must have the same signatures. ${signature1} != ${signature2}`,
        })
      }
      if (predictor1 === predictor2) {
        throw new InvalidArgumentError({
          message: 'Student and teacher must be different objects.',
        })
      }
      this.name2predictor[name1] = null
      this.predictor2name.set(predictor1, name1)
      this.predictor2name.set(predictor2, name2)
    }
  }

  protected async bootstrap(maxBootstraps?: number): Promise<void> {
    const limit = maxBootstraps || this.maxBootstrappedDemos
    if (this.trainset.length === 0) {
      throw new InvalidArgumentError({ message: 'BootstrapFewShot needs a non-empty trainset.' })
    }
    let attempts = 0
    const bootstrapped = new Set<number>()
    this.name2traces = Object.fromEntries(
      Object.keys(this.name2predictor).map((name) => [name, []]),
    )
    let exampleIndex = 0
    for (const [index, example] of this.trainset.entries()) {
      exampleIndex = index
      if (bootstrapped.size >= limit) break
      for (let round = 0; round < this.maxRounds; round += 1) {
        attempts += 1
        if (await this.bootstrapOneExample(example, round)) {
          bootstrapped.add(index)
          break
        }
      }
    }
    console.log(
      `Bootstrapped ${bootstrapped.size} full traces after ${exampleIndex} examples for up to ${this.maxRounds} rounds, amounting to ${attempts} attempts.`,
    )
    // The examples that were not bootstrapped, shuffled: the pool of labeled demos.
    this.validation = this.trainset.filter((_, index) => !bootstrapped.has(index))
    new PythonRandom(this.#seed).shuffle(this.validation)
  }

  /** Runs the teacher on one example (round > 0: a fresh rollout at temperature 1.0). */
  protected async bootstrapOneExample(example: Example, roundIndex = 0): Promise<boolean> {
    const teacher = this.teacher
    const trace: TraceStep[] = []
    let success: unknown = false
    try {
      success = await context({ ...this.teacherSettings, trace }, async () => {
        let lm = settings.get('lm') as BaseLM | undefined
        if (roundIndex > 0) {
          if (!lm) throw new NoLmConfiguredError()
          lm = lm.copy({ rollout_id: roundIndex, temperature: 1.0 })
        }
        const prediction = await context(roundIndex > 0 ? { lm } : {}, async () => {
          const cache = new Map<string, unknown[]>()
          const predictors = namedPredictorsOf(teacher)
          for (const [name, predictor] of predictors) {
            cache.set(name, predictor.demos)
            predictor.demos = predictor.demos.filter((demo) => !examplesEqual(demo, example))
          }
          // As DSPy: when the teacher throws, its demos stay without this example.
          const result = await teacher.call(Object.fromEntries(example.inputs().items()))
          for (const [name, predictor] of predictors) predictor.demos = cache.get(name)!
          return result
        })
        if (!this.metric) return true
        const value = await this.metric(example, prediction, trace)
        if (this.metricThreshold) return Number(value) >= this.metricThreshold
        return value
      })
    } catch (error) {
      success = false
      this.errorCount += 1
      if (this.errorCount >= (this.maxErrors ?? settings.get('maxErrors'))) throw error
      const message = (error as Error | undefined)?.message ?? String(error)
      console.error(
        `Failed to run or to evaluate example ${example} with ${this.metric?.name ?? 'no metric'} due to ${message}.`,
      )
    }
    if (!pythonTruthy(success)) return false
    const name2traces = new Map<string, Example[]>()
    for (const step of trace) {
      const name = this.predictor2name.get(step.predictor)
      if (name === undefined) continue
      const outputs = step.prediction instanceof Prediction ? step.prediction.items() : []
      const demo = new Example({ augmented: true, ...step.inputs, ...Object.fromEntries(outputs) })
      name2traces.set(name, [...(name2traces.get(name) ?? []), demo])
    }
    for (const [name, demos] of name2traces) {
      let chosen = demos
      if (demos.length > 1) {
        // DSPy seeds this choice with a pickle hash of the demos; ours is a stable JSON hash.
        const rng = new PythonRandom(stableHash(demos.map((demo) => demo.toDict())))
        chosen = [rng.random() < 0.5 ? rng.choice(demos.slice(0, -1)) : demos[demos.length - 1]!]
      }
      this.name2traces[name]!.push(...chosen)
    }
    return true
  }

  /** Per predictor: the first bootstrapped demos, then labeled ones sampled with `Random(0)`. */
  protected train(): Module {
    const rng = new PythonRandom(this.#seed)
    let rawDemos = this.validation
    for (const [name, predictor] of namedPredictorsOf(this.student)) {
      const augmented = this.name2traces[name]!.slice(0, this.maxBootstrappedDemos)
      const size = Math.max(0, Math.min(this.maxLabeledDemos - augmented.length, rawDemos.length))
      // As DSPy: the sample replaces the pool, so later predictors sample from earlier samples.
      rawDemos = rng.sample(rawDemos, size)
      predictor.demos = [...augmented, ...rawDemos]
    }
    return this.student
  }
}
