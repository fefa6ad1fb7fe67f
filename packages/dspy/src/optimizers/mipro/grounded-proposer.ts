import { NoLmConfiguredError } from '../../errors/dspy-error.ts'
import type { BaseLM } from '../../lm/base-lm.ts'
import type { Example } from '../../primitives/example.ts'
import type { Module } from '../../primitives/module.ts'
import { PythonRandom } from '../../python/python-random.ts'
import { settings } from '../../settings/settings.ts'
import { createDatasetSummary } from './dataset-summary.ts'
import { type DemoCandidates, GenerateModuleInstruction } from './generate-module-instruction.ts'
import { programSourceCode, stripPrefix } from './propose-utils.ts'

/**
 * DSPy's prompting tips, in DSPy's key order (the order `rng.choice` picks from).
 *
 * @example
 * TIPS[rng.choice(Object.keys(TIPS))] // '' for 'none'
 */
export const TIPS: Readonly<Record<string, string>> = {
  none: '',
  creative: "Don't be afraid to be creative when creating the new instruction!",
  simple: 'Keep the instruction clear and concise.',
  description: 'Make sure your instruction is very informative and descriptive.',
  high_stakes:
    'The instruction should include a high stakes scenario in which the LM must solve the task!',
  persona:
    'Include a persona that is relevant to the task in the instruction (ie. "You are a ...")',
}

/** Options of {@link GroundedProposer.create}, DSPy's constructor arguments in camelCase. */
export interface GroundedProposerOptions {
  promptModel?: BaseLM | undefined
  program: Module
  trainset: readonly Example[]
  viewDataBatchSize?: number
  useDatasetSummary?: boolean
  programAware?: boolean
  useTaskDemos?: boolean
  numDemosInContext?: number
  useTip?: boolean
  setTipRandomly?: boolean
  verbose?: boolean
  /** The generator tips and rollout ids are drawn from (MIPROv2 passes its own). */
  rng?: PythonRandom
  initTemperature?: number
}

/**
 * DSPy's `GroundedProposer` as MIPROv2 uses it (instruction history off): proposes instructions
 * grounded in a dataset summary, the program's code, demos of the task and a random tip. Each
 * proposal draws its tip with `rng.choice` and runs on
 * `promptModel.copy({ rollout_id: rng.randint(0, 10**9), temperature: initTemperature })`.
 *
 * @example
 * const proposer = await GroundedProposer.create({ promptModel, program, trainset, rng })
 * const candidates = await proposer.proposeInstructionsForProgram({ program, demoCandidates, n: 3 })
 */
export class GroundedProposer {
  promptModel: BaseLM | undefined
  programAware: boolean
  useDatasetSummary: boolean
  useTaskDemos: boolean
  numDemosInContext: number
  useTip: boolean
  setTipRandomly: boolean
  verbose: boolean
  rng: PythonRandom
  initTemperature: number
  programCodeString: string | undefined
  dataSummary: string | undefined

  private constructor(options: GroundedProposerOptions) {
    this.promptModel = options.promptModel ?? (settings.get('lm') as BaseLM | undefined)
    this.programAware = options.programAware ?? true
    this.useDatasetSummary = options.useDatasetSummary ?? true
    this.useTaskDemos = options.useTaskDemos ?? true
    this.numDemosInContext = options.numDemosInContext ?? 3
    this.useTip = options.useTip ?? true
    this.setTipRandomly = options.setTipRandomly ?? true
    this.verbose = options.verbose ?? false
    this.rng = options.rng ?? new PythonRandom(Date.now())
    this.initTemperature = options.initTemperature ?? 1.0
  }

  /** Builds the proposer: the program code, then the dataset summary (both optional). */
  static async create(options: GroundedProposerOptions): Promise<GroundedProposer> {
    const proposer = new GroundedProposer(options)
    if (proposer.programAware) {
      proposer.programCodeString = programSourceCode(options.program)
      if (proposer.verbose) console.log('SOURCE CODE:', proposer.programCodeString)
    }
    if (proposer.useDatasetSummary) {
      try {
        proposer.dataSummary = await createDatasetSummary({
          trainset: options.trainset,
          viewDataBatchSize: options.viewDataBatchSize ?? 10,
          promptModel: options.promptModel,
        })
        if (proposer.verbose) console.log(`DATA SUMMARY: ${proposer.dataSummary}`)
      } catch (error) {
        console.log(
          `Error getting data summary: ${(error as Error)?.message ?? error}.\n\nRunning without data aware proposer.`,
        )
        proposer.useDatasetSummary = false
        console.log('')
      }
    }
    return proposer
  }

  /** Up to `n` instructions per predictor (one per demo set, at most `n`). */
  async proposeInstructionsForProgram(options: {
    program: Module
    demoCandidates: DemoCandidates | undefined
    n: number
  }): Promise<string[][]> {
    const { program, demoCandidates, n } = options
    let numDemos: number
    if (!demoCandidates || demoCandidates.length === 0) {
      if (this.verbose) console.log('No demo candidates provided. Running without task demos.')
      this.useTaskDemos = false
      numDemos = n
    } else numDemos = Math.max(demoCandidates[0]!.length, 1)
    const proposed: string[][] = []
    for (const [predI] of program.predictors().entries()) {
      const instructions: string[] = []
      proposed.push(instructions)
      for (let demoSetI = 0; demoSetI < Math.min(n, numDemos); demoSetI += 1) {
        let tip: string | undefined
        if (this.setTipRandomly) {
          const key = this.rng.choice(Object.keys(TIPS))
          tip = TIPS[key]!
          this.useTip = Boolean(tip)
          if (this.verbose) console.log(`Selected tip: ${key}`)
        }
        instructions.push(
          await this.proposeInstructionForPredictor({
            program,
            predI,
            demoCandidates,
            demoSetI,
            tip,
          }),
        )
      }
    }
    return proposed
  }

  /** One instruction for predictor `predI`, grounded in demo set `demoSetI`. */
  async proposeInstructionForPredictor(options: {
    program: Module
    predI: number
    demoCandidates: DemoCandidates | undefined
    demoSetI: number
    tip?: string | undefined
  }): Promise<string> {
    const generator = new GenerateModuleInstruction({
      programCodeString: this.programCodeString,
      useDatasetSummary: this.useDatasetSummary,
      programAware: this.programAware,
      useTaskDemos: this.useTaskDemos && Boolean(options.demoCandidates?.length),
      useInstructHistory: false,
      useTip: this.useTip,
      verbose: this.verbose,
    })
    if (!this.promptModel) throw new NoLmConfiguredError()
    const rolloutLm = this.promptModel.copy({
      rollout_id: this.rng.randint(0, 10 ** 9),
      temperature: this.initTemperature,
    })
    const prediction = await settings.context({ lm: rolloutLm }, () =>
      generator.call({
        demoCandidates: options.demoCandidates,
        predI: options.predI,
        demoSetI: options.demoSetI,
        program: options.program,
        dataSummary: this.dataSummary,
        previousInstructions: '',
        numDemosInContext: this.numDemosInContext,
        tip: options.tip,
      }),
    )
    const instruction = String(prediction.get('proposed_instruction'))
    if (this.verbose) console.log(`PROPOSED INSTRUCTION: ${instruction}`)
    return stripPrefix(instruction)
  }
}
