import { Predict } from '../../predict/predict.ts'
import { Module } from '../../primitives/module.ts'
import { Prediction } from '../../primitives/prediction.ts'
import type { Signature } from '../../signatures/signature.ts'
import {
  DescribeModule,
  DescribeProgram,
  generateInstructionSignature,
} from './proposer-signatures.ts'
import { createExampleString, demoKeys, stripPrefix } from './propose-utils.ts'

/** Demo sets per predictor: `demoCandidates[predictor][set]` is one list of demos. */
export type DemoCandidates = readonly (readonly (readonly unknown[])[])[]

/** Options of {@link GenerateModuleInstruction}. */
export interface GenerateModuleInstructionOptions {
  programCodeString: string | undefined
  useDatasetSummary: boolean
  programAware: boolean
  useTaskDemos: boolean
  useInstructHistory: boolean
  useTip: boolean
  verbose?: boolean
}

/** The inputs of one {@link GenerateModuleInstruction} call. */
export interface GenerateModuleInstructionInputs {
  demoCandidates: DemoCandidates | undefined
  predI: number
  demoSetI: number
  program: Module
  previousInstructions: string
  dataSummary: string | undefined
  numDemosInContext?: number
  tip?: string | undefined
}

/** The signature of a predictor. */
export function signatureOf(predictor: unknown): Signature {
  return (predictor as { signature: Signature }).signature
}

/**
 * DSPy's `GenerateModuleInstruction`: writes one new instruction for one predictor. It gathers up
 * to `numDemosInContext` augmented demos (from the chosen demo set, then the following sets, then
 * the earlier ones; none for set 0), describes the program and the module when program-aware
 * (`DescribeProgram`, `DescribeModule`; a failure turns program awareness off), then asks
 * `GenerateSingleModuleInstruction`, whose answer goes through `stripPrefix`.
 *
 * @example
 * const generator = new GenerateModuleInstruction({ programCodeString, useDatasetSummary: true, programAware: true, useTaskDemos: true, useInstructHistory: false, useTip: true })
 * const { proposed_instruction } = (await generator.call({ ...inputs })).toDict()
 */
export class GenerateModuleInstruction extends Module {
  programCodeString: string | undefined
  useDatasetSummary: boolean
  programAware: boolean
  useTaskDemos: boolean
  useInstructHistory: boolean
  useTip: boolean
  verbose: boolean
  describeProgram = new Predict(DescribeProgram)
  describeModule = new Predict(DescribeModule)
  generateModuleInstruction: Predict

  constructor(options: GenerateModuleInstructionOptions) {
    super()
    this.programCodeString = options.programCodeString
    this.useDatasetSummary = options.useDatasetSummary
    this.programAware = options.programAware
    this.useTaskDemos = options.useTaskDemos
    this.useInstructHistory = options.useInstructHistory
    this.useTip = options.useTip
    this.verbose = options.verbose ?? false
    this.generateModuleInstruction = new Predict(generateInstructionSignature(options))
  }

  override call(inputs: GenerateModuleInstructionInputs & Record<string, unknown>) {
    return super.call(inputs)
  }

  async forward(allInputs: Record<string, unknown>): Promise<Prediction> {
    const inputs = allInputs as unknown as GenerateModuleInstructionInputs
    const predictor = inputs.program.predictors()[inputs.predI]
    const signature = signatureOf(predictor)
    let taskDemos = ''
    if (this.useTaskDemos && inputs.demoCandidates) {
      const sets = inputs.demoCandidates[inputs.predI]!
      const adjacent = [
        sets[inputs.demoSetI]!,
        ...sets.slice(inputs.demoSetI + 1),
        ...sets.slice(0, inputs.demoSetI),
      ]
      const strings: string[] = []
      const limit = inputs.numDemosInContext ?? 3
      gather: for (const set of adjacent) {
        for (const example of set) {
          if (!demoKeys(example).includes('augmented')) continue
          strings.push(createExampleString({ signature, example }))
          if (strings.length >= limit) break gather
        }
      }
      taskDemos = `${strings.join('\n\n')}\n\n`
    }
    if (!taskDemos.trim() || inputs.demoSetI === 0) taskDemos = 'No task demos provided.'

    let programDescription = 'Not available'
    let moduleCode = 'Not provided'
    let moduleDescription = 'Not provided'
    if (this.programAware) {
      try {
        const description = await this.describeProgram.call({
          program_code: this.programCodeString,
          program_example: taskDemos,
        })
        programDescription = stripPrefix(String(description.get('program_description')))
        if (this.verbose) console.log(`PROGRAM DESCRIPTION: ${programDescription}`)
        const inputNames = signature.inputFields.map((field) => field.name)
        const outputNames = signature.outputFields.map((field) => field.name)
        moduleCode = `${predictor!.constructor.name}(${inputNames.join(', ')}) -> ${outputNames.join(', ')}`
        const module = await this.describeModule.call({
          program_code: this.programCodeString,
          program_description: programDescription,
          program_example: taskDemos,
          module: moduleCode,
        })
        moduleDescription = String(module.get('module_description'))
      } catch (error) {
        if (this.verbose) {
          console.log(
            `Error getting program description. Running without program aware proposer. Error: ${(error as Error)?.message ?? error}`,
          )
        }
        this.programAware = false
      }
    }
    if (this.verbose) console.log(`task_demos ${taskDemos}`)
    const values: Record<string, unknown> = {
      dataset_description: inputs.dataSummary,
      program_code: this.programCodeString,
      module: moduleCode,
      program_description: programDescription,
      module_description: moduleDescription,
      task_demos: taskDemos,
      tip: inputs.tip,
      basic_instruction: signature.instructions,
      previous_instructions: inputs.previousInstructions,
    }
    const generator = this.generateModuleInstruction
    const instruct = await generator.call(
      Object.fromEntries(
        generator.signature.inputFields.map((field) => [field.name, values[field.name]]),
      ),
    )
    return new Prediction({
      proposed_instruction: stripPrefix(String(instruct.get('proposed_instruction'))),
    })
  }
}
