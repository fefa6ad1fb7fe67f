import type { Metric } from '../evaluate/evaluation-result.ts'
import type { Example } from '../primitives/example.ts'
import type { Module } from '../primitives/module.ts'
import { PythonRandom } from '../python/python-random.ts'
import { type SettingsValues, settings } from '../settings/settings.ts'
import { BootstrapFewShot } from './bootstrap-few-shot.ts'
import { LabeledFewShot, type WithDemos } from './labeled-few-shot.ts'

/** Options of {@link createNFewshotDemoSets}, DSPy's `create_n_fewshot_demo_sets` arguments. */
export interface CreateNFewshotDemoSetsOptions {
  student: Module
  /** How many sets, the zero-shot, labeled-only and unshuffled ones included. */
  numCandidateSets: number
  trainset: Example[]
  maxLabeledDemos: number
  maxBootstrappedDemos: number
  metric: Metric | undefined
  teacherSettings: Partial<SettingsValues> | undefined
  /** Default: the `maxErrors` setting. */
  maxErrors?: number | undefined
  maxRounds?: number | undefined
  labeledSample?: boolean | undefined
  minNumSamples?: number | undefined
  metricThreshold?: number | undefined
  teacher?: Module | undefined
  /** Include the zero-shot (seed -3) and labeled-only (seed -2) sets (default true). */
  includeNonBootstrapped?: boolean | undefined
  /** Seeds the shared generator when `rng` is not given (default 0). */
  seed?: number | undefined
  /** The generator every shuffled set draws from, in turn. */
  rng?: PythonRandom | undefined
}

/**
 * DSPy's `create_n_fewshot_demo_sets` (used by MIPROv2): demo sets built as BootstrapRS builds
 * its candidates, for seeds -3 to `numCandidateSets - 4`: zero-shot (no demos), labeled only,
 * BootstrapFewShot on the trainset in order, then BootstrapFewShot on the trainset shuffled with
 * one shared generator, `rng.randint(minNumSamples, maxBootstrappedDemos)` bootstrapped demos
 * each. Returns, per predictor (by index), the list of demo sets.
 *
 * @example
 * const demoCandidates = await createNFewshotDemoSets({
 *   student: program, numCandidateSets: 6, trainset, maxLabeledDemos: 4,
 *   maxBootstrappedDemos: 2, metric, teacherSettings: {}, seed: 9,
 * })
 * demoCandidates[0]![3] // the 4th demo set of the first predictor
 */
export async function createNFewshotDemoSets(
  options: CreateNFewshotDemoSetsOptions,
): Promise<unknown[][][]> {
  const { student, trainset, maxLabeledDemos, maxBootstrappedDemos, metric, teacher } = options
  const maxErrors = options.maxErrors ?? settings.get('maxErrors')
  const maxRounds = options.maxRounds ?? 1
  const minNumSamples = options.minNumSamples ?? 1
  const includeNonBootstrapped = options.includeNonBootstrapped ?? true
  const teacherSettings = options.teacherSettings ?? {}
  // DSPy counts the three non-shuffled sets inside `numCandidateSets`.
  const shuffledSets = options.numCandidateSets - 3
  const demoCandidates: unknown[][][] = student.predictors().map(() => [])
  const rng = options.rng ?? new PythonRandom(options.seed ?? 0)
  const bootstrapper = (size: number) =>
    new BootstrapFewShot({
      metric,
      maxErrors,
      metricThreshold: options.metricThreshold,
      maxBootstrappedDemos: size,
      maxLabeledDemos,
      teacherSettings,
      maxRounds,
    })
  for (let seed = -3; seed < shuffledSets; seed += 1) {
    console.log(`Bootstrapping set ${seed + 4}/${shuffledSets + 3}`)
    const trainsetCopy = [...trainset]
    let program: Module
    if (seed === -3 && includeNonBootstrapped) {
      program = student.resetCopy()
    } else if (seed === -2 && maxLabeledDemos > 0 && includeNonBootstrapped) {
      program = await new LabeledFewShot({ k: maxLabeledDemos }).compile(student, {
        trainset: trainsetCopy,
        sample: options.labeledSample ?? true,
      })
    } else if (seed === -1) {
      program = await bootstrapper(maxBootstrappedDemos).compile(student, {
        teacher,
        trainset: trainsetCopy,
      })
    } else {
      // As DSPy: seeds -3 and -2 land here too when the non-bootstrapped sets are excluded.
      rng.shuffle(trainsetCopy)
      const size = rng.randint(minNumSamples, maxBootstrappedDemos)
      program = await bootstrapper(size).compile(student, { teacher, trainset: trainsetCopy })
    }
    const predictors = program.predictors()
    for (const [index, candidates] of demoCandidates.entries()) {
      candidates.push((predictors[index] as unknown as WithDemos).demos)
    }
  }
  return demoCandidates
}
