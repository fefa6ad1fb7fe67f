import { type FieldDeclaration, InputField, OutputField } from '../../signatures/field.ts'
import { Signature } from '../../signatures/signature.ts'

/** The meta-prompt signatures of DSPy's `dspy/propose/grounded_proposer.py`, texts verbatim. */

const pipelinePreamble =
  'Below is some pseudo-code for a pipeline that solves tasks with calls to language models.'

const programCodeDescription =
  'Pseudocode for a language model program designed to solve a particular task.'
const programExampleDescription = 'An example of the program in use.'
const programSummaryDescription =
  'Summary of the task the program is designed to solve, and how it goes about solving it.'

/**
 * DSPy's `DescribeProgram`.
 *
 * @example
 * await new Predict(DescribeProgram).call({ program_code, program_example })
 */
export const DescribeProgram = new Signature({
  name: 'DescribeProgram',
  instructions: `${pipelinePreamble} Please describe what type of task this program appears to be designed to solve, and how it appears to work.`,
  fields: {
    program_code: InputField({ desc: programCodeDescription }),
    program_example: InputField({ desc: programExampleDescription }),
    program_description: OutputField({
      desc: 'Describe what task the program is designed to solve, and how it goes about solving this task.',
    }),
  },
})

/**
 * DSPy's `DescribeModule`.
 *
 * @example
 * await new Predict(DescribeModule).call({ program_code, program_example, program_description, module })
 */
export const DescribeModule = new Signature({
  name: 'DescribeModule',
  instructions: `${pipelinePreamble} Please describe the purpose of one of the specified module in this pipeline.`,
  fields: {
    program_code: InputField({ desc: programCodeDescription }),
    program_example: InputField({ desc: programExampleDescription }),
    program_description: InputField({ desc: programSummaryDescription }),
    module: InputField({ desc: 'The module in the program that we want to describe.' }),
    module_description: OutputField({
      desc: "Description of the module's role in the broader program.",
    }),
  },
})

/** Which optional fields the instruction generator's signature has. */
export interface GenerateInstructionFields {
  useDatasetSummary: boolean
  programAware: boolean
  useInstructHistory: boolean
  useTip: boolean
}

/**
 * DSPy's `generate_instruction_class(...)` signature, `GenerateSingleModuleInstruction`, with its
 * conditional fields in DSPy's order.
 *
 * @example
 * generateInstructionSignature({ useDatasetSummary: true, programAware: true, useInstructHistory: false, useTip: true })
 */
export function generateInstructionSignature(options: GenerateInstructionFields): Signature {
  const fields: Record<string, FieldDeclaration> = {}
  if (options.useDatasetSummary) {
    fields.dataset_description = InputField({
      desc: 'A description of the dataset that we are using.',
    })
  }
  if (options.programAware) {
    fields.program_code = InputField({
      desc: 'Language model program designed to solve a particular task.',
    })
    fields.program_description = InputField({ desc: programSummaryDescription })
    fields.module = InputField({ desc: 'The module to create an instruction for.' })
    fields.module_description = InputField({
      desc: 'Description of the module to create an instruction for.',
    })
  }
  fields.task_demos = InputField({ desc: 'Example inputs/outputs of our module.' })
  if (options.useInstructHistory) {
    fields.previous_instructions = InputField({
      desc: "Previous instructions we've attempted, along with their associated scores.",
    })
  }
  fields.basic_instruction = InputField({ desc: 'Basic instruction.' })
  if (options.useTip) {
    fields.tip = InputField({
      desc: 'A suggestion for how to go about generating the new instruction.',
    })
  }
  fields.proposed_instruction = OutputField({
    desc: 'Propose an instruction that will be used to prompt a Language Model to perform this task.',
  })
  return new Signature({
    name: 'GenerateSingleModuleInstruction',
    instructions:
      'Use the information below to learn about a task that we are trying to solve using calls to an LM, then generate a new instruction that will be used to prompt a Language Model to better solve the task.',
    fields,
  })
}
