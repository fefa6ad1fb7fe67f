import { InvalidArgumentError } from '../errors/dspy-error.ts'
import { Evaluate } from '../evaluate/evaluate.ts'
import type { Metric, MetricValue } from '../evaluate/evaluation-result.ts'
import type { Example } from '../primitives/example.ts'
import type { Module } from '../primitives/module.ts'
import { pythonFloatRepr, pythonNumberRepr } from '../python/py-float.ts'
import { pythonRepr } from '../python/py-repr.ts'
import { PythonRandom } from '../python/python-random.ts'
import { type SettingsValues, settings } from '../settings/settings.ts'
import { BootstrapFewShot } from './bootstrap-few-shot.ts'
import { LabeledFewShot } from './labeled-few-shot.ts'
import { type CompileOptions, Optimizer } from './optimizer.ts'

/** Options of {@link BootstrapFewShotWithRandomSearch}, DSPy's constructor arguments in camelCase. */
export interface BootstrapFewShotWithRandomSearchOptions {
  metric: Metric
  teacherSettings?: Partial<SettingsValues> | undefined
  /** The most bootstrapped demos per predictor; each candidate draws its own from 1 to this (default 4). */
  maxBootstrappedDemos?: number | undefined
  maxLabeledDemos?: number | undefined
  maxRounds?: number | undefined
  /** Bootstrapped candidates, besides the zero-shot, labeled-only and unshuffled ones (default 16). */
  numCandidatePrograms?: number | undefined
  /** Concurrency of each candidate's evaluation (default: the `numThreads` setting). */
  numThreads?: number | undefined
  maxErrors?: number | undefined
  /** Stop as soon as a candidate scores at least this (a percentage). */
  stopAtScore?: number | undefined
  metricThreshold?: number | undefined
}

/** `BootstrapFewShotWithRandomSearch.compile` options. */
export interface RandomSearchCompileOptions extends CompileOptions {
  teacher?: Module | undefined
  /** Candidates are scored on this set (default: the trainset). */
  valset?: Example[] | undefined
  /** Only these candidate seeds (-3 to `numCandidatePrograms - 1`) are tried. */
  restrict?: Iterable<number> | undefined
  /** Whether the labeled-only candidate samples its demos (default true). */
  labeledSample?: boolean | undefined
}

/** One evaluated candidate, as attached to the best program's `candidatePrograms`. */
export interface CandidateProgram<P extends Module = Module> {
  score: number
  subscores: MetricValue[]
  seed: number
  program: P
}

/** The program BootstrapRS returns: the best candidate, carrying every candidate. */
export type RandomSearchProgram<P extends Module> = P & { candidatePrograms: CandidateProgram<P>[] }

/**
 * DSPy's `BootstrapFewShotWithRandomSearch` (alias `BootstrapRS`): builds candidate programs for
 * seeds -3 (zero-shot), -2 (labeled demos only), -1 (BootstrapFewShot on the trainset in order)
 * and 0..n-1 (BootstrapFewShot on the trainset shuffled with `Random(seed)`, with
 * `Random(seed).randint(1, maxBootstrappedDemos)` demos), scores each with Evaluate on the valset,
 * and returns the first best one. It carries `candidatePrograms`, sorted by score, best first.
 *
 * @example
 * const optimizer = new BootstrapRS({ metric: answerExactMatch, numCandidatePrograms: 8 })
 * const best = await optimizer.compile(program, { trainset, valset })
 */
export class BootstrapFewShotWithRandomSearch extends Optimizer<RandomSearchCompileOptions> {
  metric: Metric
  teacherSettings: Partial<SettingsValues>
  maxRounds: number
  numThreads: number | undefined
  stopAtScore: number | undefined
  metricThreshold: number | undefined
  minNumSamples: number
  maxNumSamples: number
  maxErrors: number | undefined
  numCandidateSets: number
  maxLabeledDemos: number
  declare trainset: Example[]
  declare valset: Example[]

  constructor(options: BootstrapFewShotWithRandomSearchOptions) {
    super()
    this.metric = options.metric
    this.teacherSettings = options.teacherSettings ?? {}
    this.maxRounds = options.maxRounds ?? 1
    this.numThreads = options.numThreads
    this.stopAtScore = options.stopAtScore
    this.metricThreshold = options.metricThreshold
    this.minNumSamples = 1
    this.maxNumSamples = options.maxBootstrappedDemos ?? 4
    this.maxErrors = options.maxErrors
    this.numCandidateSets = options.numCandidatePrograms ?? 16
    this.maxLabeledDemos = options.maxLabeledDemos ?? 16
    console.log(
      `Going to sample between ${this.minNumSamples} and ${this.maxNumSamples} traces per predictor.`,
    )
    console.log(`Will attempt to bootstrap ${this.numCandidateSets} candidate sets.`)
  }

  /** Builds and scores the candidates; the best one carries `candidatePrograms`, best first. */
  override compile<P extends Module>(
    student: P,
    options: RandomSearchCompileOptions,
  ): Promise<RandomSearchProgram<P>> {
    return super.compile(student, options) as Promise<RandomSearchProgram<P>>
  }

  protected override compileCallInputs(
    student: Module,
    options: RandomSearchCompileOptions,
  ): Record<string, unknown> {
    return {
      student,
      teacher: options.teacher ?? null,
      trainset: options.trainset,
      valset: options.valset ?? null,
      restrict: options.restrict ? [...options.restrict] : null,
      labeled_sample: options.labeledSample ?? true,
    }
  }

  protected async compileProgram<P extends Module>(
    student: P,
    options: RandomSearchCompileOptions,
  ): Promise<P> {
    const { trainset, teacher } = options
    this.trainset = trainset
    this.valset = options.valset && options.valset.length > 0 ? options.valset : trainset
    const restrict = options.restrict ? new Set(options.restrict) : undefined
    if (restrict && ![...restrict].some((seed) => seed >= -3 && seed < this.numCandidateSets)) {
      throw new InvalidArgumentError({
        message: `\`restrict\` ${pythonRepr(restrict)} does not match any candidate seed in range(-3, ${this.numCandidateSets}); no candidate programs would be evaluated.`,
      })
    }
    const maxErrors = this.maxErrors ?? settings.get('maxErrors')
    const scores: number[] = []
    const scoreData: CandidateProgram<P>[] = []
    let bestProgram: P | undefined
    const bootstrapper = (maxBootstrappedDemos: number) =>
      new BootstrapFewShot({
        metric: this.metric,
        metricThreshold: this.metricThreshold,
        maxBootstrappedDemos,
        maxLabeledDemos: this.maxLabeledDemos,
        teacherSettings: this.teacherSettings,
        maxRounds: this.maxRounds,
        maxErrors,
      })
    for (let seed = -3; seed < this.numCandidateSets; seed += 1) {
      if (restrict && !restrict.has(seed)) continue
      const trainsetCopy = [...trainset]
      let program: P
      if (seed === -3) {
        program = student.resetCopy()
      } else if (seed === -2) {
        const labeled = new LabeledFewShot({ k: this.maxLabeledDemos })
        program = await labeled.compile(student, {
          trainset: trainsetCopy,
          sample: options.labeledSample ?? true,
        })
      } else if (seed === -1) {
        program = await bootstrapper(this.maxNumSamples).compile(student, {
          teacher,
          trainset: trainsetCopy,
        })
      } else {
        new PythonRandom(seed).shuffle(trainsetCopy)
        const size = new PythonRandom(seed).randint(this.minNumSamples, this.maxNumSamples)
        program = await bootstrapper(size).compile(student, { teacher, trainset: trainsetCopy })
      }
      const evaluate = new Evaluate({
        devset: this.valset,
        metric: this.metric,
        numThreads: this.numThreads,
        maxErrors,
        displayTable: false,
        displayProgress: true,
      })
      const result = await evaluate.call(program)
      const score = result.score
      const subscores = result.results.map((row) => row[2])
      const isBest = scores.length === 0 || score > Math.max(...scores)
      if (isBest) {
        console.log(`New best score: ${pythonFloatRepr(score)} for seed ${seed}`)
        bestProgram = program
      }
      scores.push(score)
      console.log(`Scores so far: [${scores.map(pythonFloatRepr).join(', ')}]`)
      console.log(`Best score so far: ${pythonFloatRepr(Math.max(...scores))}`)
      scoreData.push({ score, subscores, seed, program })
      this.emitTrial({
        trial: scores.length,
        evaluation: 'full',
        evaluationSize: this.valset.length,
        score,
        candidate: program
          .namedPredictors()
          .map(([predictor]) => ({ predictor, demoSetIndex: seed + 3 })),
        program,
        isBest,
        details: { seed, subscores },
      })
      if (this.stopAtScore !== undefined && score >= this.stopAtScore) {
        console.log(
          `Stopping early because score ${pythonFloatRepr(score)} is >= stop_at_score ${pythonNumberRepr(this.stopAtScore)}`,
        )
        break
      }
    }
    if (!bestProgram) {
      throw new InvalidArgumentError({ message: 'No candidate program was evaluated.' })
    }
    // Stable: candidates with equal scores keep their order, as Python's sorted(reverse=True).
    const candidates = [...scoreData].sort((a, b) => b.score - a.score)
    ;(bestProgram as RandomSearchProgram<P>).candidatePrograms = candidates
    console.log(`${candidates.length} candidate programs found.`)
    return bestProgram
  }
}

/** DSPy's short name for {@link BootstrapFewShotWithRandomSearch}. */
export { BootstrapFewShotWithRandomSearch as BootstrapRS }
