import { describe, expect, it } from 'vitest'
import { ChatAdapter } from '../../adapters/chat-adapter.ts'
import { basicGenerateInstruction, generateInstructionGivenAttempts } from './copro-signatures.ts'

const outputsTail =
  'Your output fields are:\n1. `proposed_instruction` (str): The improved instructions for the language model\n2. `proposed_prefix_for_output_field` (str): The string at the end of the prompt, which will help the model start solving the task\nAll interactions will be structured in the following way, with the appropriate values filled in.\n\n'
const respond =
  '\n\nRespond with the corresponding output fields, starting with the field `[[ ## proposed_instruction ## ]]`, then `[[ ## proposed_prefix_for_output_field ## ]]`, and then ending with the marker for `[[ ## completed ## ]]`.'
const structure = (input: string) =>
  `[[ ## ${input} ## ]]\n{${input}}\n\n[[ ## proposed_instruction ## ]]\n{proposed_instruction}\n\n[[ ## proposed_prefix_for_output_field ## ]]\n{proposed_prefix_for_output_field}\n\n[[ ## completed ## ]]\nIn adhering to this structure, your objective is: \n        `

describe('COPRO signatures', () => {
  it('BasicGenerateInstruction formats exactly as DSPy 3.3.1', () => {
    const messages = new ChatAdapter().format(basicGenerateInstruction, [], {
      basic_instruction: 'Answer questions.',
    })
    expect(messages).toEqual([
      {
        role: 'system',
        content:
          'Your input fields are:\n1. `basic_instruction` (str): The initial instructions before optimization\n' +
          outputsTail +
          structure('basic_instruction') +
          "You are an instruction optimizer for large language models. I will give you a ``signature`` of fields (inputs and outputs) in English. Your task is to propose an instruction that will lead a good language model to perform the task well. Don't be afraid to be creative.",
      },
      { role: 'user', content: `[[ ## basic_instruction ## ]]\nAnswer questions.${respond}` },
    ])
  })

  it('GenerateInstructionGivenAttempts formats the attempts as a numbered list', () => {
    const messages = new ChatAdapter().format(generateInstructionGivenAttempts, [], {
      attempted_instructions: [
        'Instruction #1: A',
        'Prefix #1: Answer:',
        'Resulting Score #1: 50.0',
      ],
    })
    expect(messages).toEqual([
      {
        role: 'system',
        content:
          'Your input fields are:\n1. `attempted_instructions` (str):\n' +
          outputsTail +
          structure('attempted_instructions') +
          "You are an instruction optimizer for large language models. I will give some task instructions I've tried, along with their corresponding validation scores. The instructions are arranged in increasing order based on their scores, where higher scores indicate better quality.\n        \n        Your task is to propose a new instruction that will lead a good language model to perform the task even better. Don't be afraid to be creative.",
      },
      {
        role: 'user',
        content: `[[ ## attempted_instructions ## ]]\n[1] «Instruction #1: A»\n[2] «Prefix #1: Answer:»\n[3] «Resulting Score #1: 50.0»${respond}`,
      },
    ])
  })

  it('keeps the names and prefixes DSPy derives', () => {
    expect(basicGenerateInstruction.name).toBe('BasicGenerateInstruction')
    expect(generateInstructionGivenAttempts.field('proposed_prefix_for_output_field')?.prefix).toBe(
      'Proposed Prefix For Output Field:',
    )
  })
})
