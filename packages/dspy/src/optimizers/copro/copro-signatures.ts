import { InputField, OutputField } from '../../signatures/field.ts'
import { Signature } from '../../signatures/signature.ts'

const proposedInstruction = OutputField({
  desc: 'The improved instructions for the language model',
})
const proposedPrefix = OutputField({
  desc: 'The string at the end of the prompt, which will help the model start solving the task',
})

/**
 * COPRO's first proposal signature (`BasicGenerateInstruction`): the current instruction in, a
 * new instruction and output-field prefix out. Docstring and field descriptions are DSPy's.
 *
 * @example
 * const propose = new Predict(basicGenerateInstruction, { config: { n: 9, temperature: 1.4 } })
 */
export const basicGenerateInstruction = new Signature({
  name: 'BasicGenerateInstruction',
  instructions:
    "You are an instruction optimizer for large language models. I will give you a ``signature`` of fields (inputs and outputs) in English. Your task is to propose an instruction that will lead a good language model to perform the task well. Don't be afraid to be creative.",
  fields: {
    basic_instruction: InputField({ desc: 'The initial instructions before optimization' }),
    proposed_instruction: proposedInstruction,
    proposed_prefix_for_output_field: proposedPrefix,
  },
})

/**
 * COPRO's follow-up proposal signature (`GenerateInstructionGivenAttempts`): the attempts so far
 * with their scores (best last) in, a new instruction and prefix out.
 *
 * @example
 * const propose = new Predict(generateInstructionGivenAttempts, { config: { n: 10, temperature: 1.4 } })
 */
export const generateInstructionGivenAttempts = new Signature({
  name: 'GenerateInstructionGivenAttempts',
  instructions: `You are an instruction optimizer for large language models. I will give some task instructions I've tried, along with their corresponding validation scores. The instructions are arranged in increasing order based on their scores, where higher scores indicate better quality.

    Your task is to propose a new instruction that will lead a good language model to perform the task even better. Don't be afraid to be creative.`,
  fields: {
    attempted_instructions: InputField(),
    proposed_instruction: proposedInstruction,
    proposed_prefix_for_output_field: proposedPrefix,
  },
})
