import { describe, expect, it } from 'vitest'
import {
  extractInstruction,
  instructionProposalTemplate,
  renderInstructionProposalPrompt,
} from './instruction-proposal.ts'

describe("gepa's instruction proposal prompt", () => {
  it('renders the template with markdown examples byte for byte as gepa 0.1.4', () => {
    const prompt = renderInstructionProposalPrompt({
      currentInstruction: 'Answer $& the question.',
      examples: [
        {
          Inputs: { question: '2+2?', context: '  math  ' },
          'Generated Outputs': { answer: '5' },
          Feedback: 'Wrong, expected 4.',
        },
        {
          Inputs: {},
          'Generated Outputs': "Couldn't parse.\n```\nraw\n```\n\n",
          Feedback: ['a', { b: [] }],
        },
      ],
    })
    // InstructionProposalSignature.prompt_renderer output for the same input.
    const sideInfo =
      "# Example 1\n## Inputs\n### question\n2+2?\n\n### context\nmath\n\n## Generated Outputs\n### answer\n5\n\n## Feedback\nWrong, expected 4.\n\n\n\n# Example 2\n## Inputs\n\n## Generated Outputs\nCouldn't parse.\n```\nraw\n```\n\n## Feedback\n### Item 1\na\n\n### Item 2\n#### b\n\n"
    expect(prompt).toBe(
      "I provided an assistant with the following instructions to perform a task for me:\n```\nAnswer $& the question.\n```\n\nThe following are examples of different task inputs provided to the assistant along with the assistant's response for each of them, and some feedback on how the assistant's response could be better:\n```\n" +
        sideInfo +
        '\n```\n\nYour task is to write a new instruction for the assistant.\n\nRead the inputs carefully and identify the input format and infer detailed task description about the task I wish to solve with the assistant.\n\nRead all the assistant responses and the corresponding feedback. Identify all niche and domain specific factual information about the task and include it in the instruction, as a lot of it may not be available to the assistant in the future. The assistant may have utilized a generalizable strategy to solve the task, if so, include that in the instruction as well.\n\nProvide the new instructions within ``` blocks.',
    )
    expect(instructionProposalTemplate).toContain('<curr_param>')
  })

  it('extracts the answer between fences as gepa does', () => {
    const cases: [string, string][] = [
      ['Here:\n```text\nBe concise.\n```', 'Be concise.'],
      ['```\nOnly opening', 'Only opening'],
      ['No fences at all  ', 'No fences at all'],
      ['trailing only```', 'trailing only'],
      ['```py\nA\n``` and ```B```', 'A\n``` and ```B'],
      ['``````', ''],
    ]
    for (const [answer, expected] of cases) expect(extractInstruction(answer)).toBe(expected)
  })
})
