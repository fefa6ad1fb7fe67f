import { pythonStrip } from '../../python/py-text.ts'
import { pythonText } from './python-text.ts'

/**
 * gepa's `InstructionProposalSignature.default_prompt_template` (gepa 0.1.4), verbatim:
 * `<curr_param>` is the current instruction, `<side_info>` the rendered reflective examples.
 *
 * @example
 * const prompt = instructionProposalTemplate.replace('<curr_param>', () => 'Answer.')
 */
export const instructionProposalTemplate = `I provided an assistant with the following instructions to perform a task for me:
\`\`\`
<curr_param>
\`\`\`

The following are examples of different task inputs provided to the assistant along with the assistant's response for each of them, and some feedback on how the assistant's response could be better:
\`\`\`
<side_info>
\`\`\`

Your task is to write a new instruction for the assistant.

Read the inputs carefully and identify the input format and infer detailed task description about the task I wish to solve with the assistant.

Read all the assistant responses and the corresponding feedback. Identify all niche and domain specific factual information about the task and include it in the instruction, as a lot of it may not be available to the assistant in the future. The assistant may have utilized a generalizable strategy to solve the task, if so, include that in the instruction as well.

Provide the new instructions within \`\`\` blocks.`

function renderValue(value: unknown, level: number): string {
  const deeper = Math.min(level + 1, 6)
  if (Array.isArray(value)) {
    let text = ''
    for (const [index, item] of value.entries())
      text += `${'#'.repeat(level)} Item ${index + 1}\n${renderValue(item, deeper)}`
    return value.length === 0 ? `${text}\n` : text
  }
  if (value !== null && typeof value === 'object' && value.constructor === Object) {
    const entries = Object.entries(value)
    let text = ''
    for (const [key, item] of entries)
      text += `${'#'.repeat(level)} ${key}\n${renderValue(item, deeper)}`
    return entries.length === 0 ? `${text}\n` : text
  }
  return `${pythonStrip(pythonText(value))}\n\n`
}

/** The reflective examples as gepa's markdown: `# Example n`, `## key`, nested `###` headers. */
export function renderReflectiveExamples(samples: readonly Record<string, unknown>[]): string {
  return samples
    .map((sample, index) => {
      let text = `# Example ${index + 1}\n`
      for (const [key, value] of Object.entries(sample))
        text += `## ${key}\n${renderValue(value, 3)}`
      return text
    })
    .join('\n\n')
}

/**
 * The reflection prompt: gepa's template with the current instruction and the rendered
 * reflective examples.
 *
 * @example
 * const prompt = renderInstructionProposalPrompt({
 *   currentInstruction: 'Answer the question.',
 *   examples: [{ Inputs: { question: '2+2?' }, 'Generated Outputs': { answer: '5' }, Feedback: 'Wrong.' }],
 * })
 */
export function renderInstructionProposalPrompt(options: {
  currentInstruction: string
  examples: readonly Record<string, unknown>[]
  template?: string
}): string {
  const template = options.template ?? instructionProposalTemplate
  return template
    .replaceAll('<curr_param>', () => options.currentInstruction)
    .replaceAll('<side_info>', () => renderReflectiveExamples(options.examples))
}

/**
 * gepa's `output_extractor`: the text between the first and the last ``` fence (without a
 * language tag), or the whole answer when the fences are missing or unbalanced.
 *
 * @example
 * extractInstruction('Here:\n```text\nBe concise.\n```') // 'Be concise.'
 */
export function extractInstruction(answer: string): string {
  const start = answer.indexOf('```') + 3
  const end = answer.lastIndexOf('```')
  if (start >= end) {
    const stripped = pythonStrip(answer)
    if (stripped.startsWith('```')) {
      const match = /^```\S*\n?/.exec(answer)
      if (match) return pythonStrip(answer.slice(match[0].length))
    } else if (stripped.endsWith('```')) {
      return pythonStrip(stripped.slice(0, -3))
    }
    return stripped
  }
  let content = answer.slice(start, end)
  const language = /^\S*\n/.exec(content)
  if (language) content = content.slice(language[0].length)
  return pythonStrip(content)
}
