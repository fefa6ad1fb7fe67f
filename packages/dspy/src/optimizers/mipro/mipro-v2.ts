import { InvalidArgumentError } from '../../errors/dspy-error.ts'
import { Evaluate } from '../../evaluate/evaluate.ts'
import type { Metric } from '../../evaluate/evaluation-result.ts'
import type { BaseLM } from '../../lm/base-lm.ts'
import type { Example } from '../../primitives/example.ts'
import type { Module } from '../../primitives/module.ts'
import { PythonRandom } from '../../python/python-random.ts'
import { type SettingsValues, settings } from '../../settings/settings.ts'
import type { Signature } from '../../signatures/signature.ts'
import { createNFewshotDemoSets } from '../create-few-shot-demo-sets.ts'
import { Optimizer } from '../optimizer.ts'
import {
  type AutoRunMode,
  BOOTSTRAPPED_FEWSHOT_EXAMPLES_IN_CONTEXT,
  LABELED_FEWSHOT_EXAMPLES_IN_CONTEXT,
} from './auto-settings.ts'
import { GroundedProposer } from './grounded-proposer.ts'
import {
  compileCallArguments,
  type MIPROv2CompileOptions,
  type MIPROv2Options,
  validateCompileOptions,
} from './mipro-options.ts'
import { type PromptSearchOptions, searchPromptParameters } from './prompt-search.ts'
import { autoRunSettingsText, runSettingsFromMode, splitDatasets } from './run-settings.ts'

/**
 * DSPy's `MIPROv2`: bootstraps candidate demo sets (Step 1), proposes grounded instructions per
 * predictor (Step 2), then searches the combinations of instruction and demo set with a seeded
 * TPE study, on minibatches with periodic full evaluations (Step 3). Every run is deterministic
 * for a seed and a deterministic LM. The returned program carries `score`, `trialLogs`,
 * `candidatePrograms` and `mbCandidatePrograms`; each trial is reported to `onTrialEnd`.
 *
 * @example
 * const optimizer = new MIPROv2({ metric: answerExactMatch, auto: 'light' })
 * const optimized = await optimizer.compile(program, { trainset, valset })
 */
export class MIPROv2 extends Optimizer<MIPROv2CompileOptions> {
  auto: AutoRunMode | null
  numFewshotCandidates: number | undefined
  numInstructCandidates: number | undefined
  numCandidates: number | undefined
  metric: Metric
  initTemperature: number
  taskModel: BaseLM
  promptModel: BaseLM
  maxBootstrappedDemos: number
  maxLabeledDemos: number
  verbose: boolean
  trackStats: boolean
  logDir: string | undefined
  teacherSettings: Partial<SettingsValues>
  promptModelTotalCalls = 0
  totalCalls = 0
  numThreads: number | undefined
  maxErrors: number | undefined
  metricThreshold: number | undefined
  seed: number
  rng: PythonRandom | undefined = undefined

  constructor(options: MIPROv2Options) {
    super()
    const auto = options.auto === undefined ? 'light' : options.auto
    if (auto !== null && !['light', 'medium', 'heavy'].includes(auto)) {
      throw new InvalidArgumentError({
        message: `Invalid value for auto: ${auto}. Must be one of {None, 'light', 'medium', 'heavy'}.`,
      })
    }
    this.auto = auto
    this.numFewshotCandidates = options.numCandidates
    this.numInstructCandidates = options.numCandidates
    this.numCandidates = options.numCandidates
    this.metric = options.metric
    this.initTemperature = options.initTemperature ?? 1.0
    const lm = settings.get('lm') as BaseLM | undefined
    const taskModel = options.taskModel ?? lm
    const promptModel = options.promptModel ?? lm
    this.maxBootstrappedDemos = options.maxBootstrappedDemos ?? 4
    this.maxLabeledDemos = options.maxLabeledDemos ?? 4
    this.verbose = options.verbose ?? false
    this.trackStats = options.trackStats ?? true
    this.logDir = options.logDir
    this.teacherSettings = options.teacherSettings ?? {}
    this.numThreads = options.numThreads
    this.maxErrors = options.maxErrors
    this.metricThreshold = options.metricThreshold
    this.seed = options.seed ?? 9
    if (options.callbacks) this.callbacks = options.callbacks
    if (!promptModel || !taskModel) {
      throw new InvalidArgumentError({
        message:
          'Either provide both promptModel and taskModel or set a default LM through configure({ lm })',
      })
    }
    this.taskModel = taskModel
    this.promptModel = promptModel
  }

  protected override compileCallInputs(
    student: Module,
    options: MIPROv2CompileOptions,
  ): Record<string, unknown> {
    return compileCallArguments(student, options)
  }

  protected async compileProgram<P extends Module>(
    student: P,
    options: MIPROv2CompileOptions,
  ): Promise<P> {
    const maxErrors = this.maxErrors ?? settings.get('maxErrors')
    const maxBootstrapped = options.maxBootstrappedDemos ?? this.maxBootstrappedDemos
    const maxLabeled = options.maxLabeledDemos ?? this.maxLabeledDemos
    const zeroshot = maxBootstrapped === 0 && maxLabeled === 0
    const numPredictors = student.predictors().length
    validateCompileOptions({
      auto: this.auto,
      numCandidates: this.numCandidates,
      numTrials: options.numTrials,
      requiresPermissionToRun: options.requiresPermissionToRun,
      numPredictors,
      zeroshot,
    })
    // Python's `seed or self.seed`: 0 falls back to the optimizer's seed.
    const seed = options.seed || this.seed
    const rng = new PythonRandom(seed)
    this.rng = rng
    const datasets = splitDatasets(options.trainset, options.valset)
    const trainset = datasets.trainset
    const run = runSettingsFromMode({
      auto: this.auto,
      numPredictors,
      numTrials: options.numTrials,
      minibatch: options.minibatch ?? true,
      zeroshot,
      valset: datasets.valset,
      numCandidates: this.numCandidates,
      rng,
    })
    if (this.auto) console.info(autoRunSettingsText(this.auto, run))
    const valset = run.valset
    const minibatchSize = options.minibatchSize ?? 35
    if (run.minibatch && minibatchSize > valset.length) {
      throw new InvalidArgumentError({
        message: `Minibatch size cannot exceed the size of the valset. Valset size: ${valset.length}.`,
      })
    }
    const program = student.deepcopy()
    const evaluate = new Evaluate({
      devset: valset,
      metric: this.metric,
      numThreads: this.numThreads,
      maxErrors,
      displayTable: false,
      displayProgress: true,
      provideTraceback: options.provideTraceback,
    })

    const demoCandidates = await settings.context({ lm: this.taskModel }, () =>
      this.bootstrapFewshotExamples({
        program,
        trainset,
        seed,
        teacher: options.teacher,
        numFewshotCandidates: run.numFewshotCandidates,
        maxBootstrappedDemos: maxBootstrapped,
        maxLabeledDemos: maxLabeled,
        maxErrors,
        rng,
      }),
    )
    const instructionCandidates = await this.proposeInstructions({
      program,
      trainset,
      demoCandidates,
      viewDataBatchSize: options.viewDataBatchSize ?? 10,
      programAwareProposer: options.programAwareProposer ?? true,
      dataAwareProposer: options.dataAwareProposer ?? true,
      tipAwareProposer: options.tipAwareProposer ?? true,
      fewshotAwareProposer: options.fewshotAwareProposer ?? true,
      numInstructCandidates: run.numInstructCandidates,
      rng,
    })
    const best = await settings.context({ lm: this.taskModel }, () =>
      this.optimizePromptParameters({
        program,
        instructionCandidates,
        // Zero-shot runs bootstrap only to inform the proposer.
        demoCandidates: zeroshot ? undefined : demoCandidates,
        evaluate,
        valset,
        numTrials: run.numTrials,
        minibatch: run.minibatch,
        minibatchSize,
        minibatchFullEvalSteps: options.minibatchFullEvalSteps ?? 5,
        seed,
        rng,
        logDir: this.logDir,
        verbose: this.verbose,
        trackStats: this.trackStats,
        reportTrial: (report) => this.emitTrial(report),
      }),
    )
    return best as P
  }

  /** Step 1 (DSPy's `_bootstrap_fewshot_examples`): `demoCandidates[predictor][set]`. */
  protected async bootstrapFewshotExamples(options: {
    program: Module
    trainset: Example[]
    seed: number
    teacher: Module | undefined
    numFewshotCandidates: number
    maxBootstrappedDemos: number
    maxLabeledDemos: number
    maxErrors: number
    rng: PythonRandom
  }): Promise<unknown[][][]> {
    console.info('\n==> STEP 1: BOOTSTRAP FEWSHOT EXAMPLES <==')
    console.info(
      options.maxBootstrappedDemos > 0
        ? 'These will be used as few-shot example candidates for our program and for creating instructions.\n'
        : 'These will be used for informing instruction proposal.\n',
    )
    console.info(`Bootstrapping N=${options.numFewshotCandidates} sets of demonstrations...`)
    const zeroshot = options.maxBootstrappedDemos === 0 && options.maxLabeledDemos === 0
    return createNFewshotDemoSets({
      student: options.program,
      numCandidateSets: options.numFewshotCandidates,
      trainset: options.trainset,
      maxLabeledDemos: zeroshot ? LABELED_FEWSHOT_EXAMPLES_IN_CONTEXT : options.maxLabeledDemos,
      maxBootstrappedDemos: zeroshot
        ? BOOTSTRAPPED_FEWSHOT_EXAMPLES_IN_CONTEXT
        : options.maxBootstrappedDemos,
      metric: this.metric,
      maxErrors: options.maxErrors,
      teacher: options.teacher,
      teacherSettings: this.teacherSettings,
      seed: options.seed,
      metricThreshold: this.metricThreshold,
      rng: options.rng,
    })
  }

  /**
   * Step 2 (DSPy's `_propose_instructions`): instruction candidates per predictor from a
   * {@link GroundedProposer}; candidate 0 is always the predictor's own instruction.
   */
  protected async proposeInstructions(options: {
    program: Module
    trainset: Example[]
    demoCandidates: unknown[][][]
    viewDataBatchSize: number
    programAwareProposer: boolean
    dataAwareProposer: boolean
    tipAwareProposer: boolean
    fewshotAwareProposer: boolean
    numInstructCandidates: number
    rng: PythonRandom
  }): Promise<string[][]> {
    const { program } = options
    console.info('\n==> STEP 2: PROPOSE INSTRUCTION CANDIDATES <==')
    console.info(
      'We will use the few-shot examples from the previous step, a generated dataset summary, a summary of the program code, and a randomly selected prompting tip to propose instructions.',
    )
    const proposer = await GroundedProposer.create({
      program,
      trainset: options.trainset,
      promptModel: this.promptModel,
      viewDataBatchSize: options.viewDataBatchSize,
      programAware: options.programAwareProposer,
      useDatasetSummary: options.dataAwareProposer,
      useTaskDemos: options.fewshotAwareProposer,
      numDemosInContext: BOOTSTRAPPED_FEWSHOT_EXAMPLES_IN_CONTEXT,
      useTip: options.tipAwareProposer,
      setTipRandomly: options.tipAwareProposer,
      verbose: this.verbose,
      rng: options.rng,
      initTemperature: this.initTemperature,
    })
    console.info(`\nProposing N=${options.numInstructCandidates} instructions...\n`)
    const candidates = await proposer.proposeInstructionsForProgram({
      program,
      demoCandidates: options.demoCandidates,
      n: options.numInstructCandidates,
    })
    for (const [i, predictor] of program.predictors().entries()) {
      console.info(`Proposed Instructions for Predictor ${i}:\n`)
      const own = candidates[i]!
      own[0] = (predictor as unknown as { signature: Signature }).signature.instructions
      for (const [j, instruction] of own.entries()) console.info(`${j}: ${instruction}\n`)
      console.info('\n')
    }
    return candidates
  }

  /** Step 3 (DSPy's `_optimize_prompt_parameters`): see {@link searchPromptParameters}. */
  protected optimizePromptParameters(options: PromptSearchOptions): Promise<Module> {
    return searchPromptParameters(options)
  }
}
