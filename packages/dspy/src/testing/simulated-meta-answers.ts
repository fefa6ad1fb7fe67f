import type { PythonRandom } from '../python/python-random.ts'

/** What SimulatedLM proposes as `proposed_instruction` / `new_instruction`: half careful, half not. */
export const simulatedInstructionCandidates = [
  'Solve the problem step by step, then verify the final number before answering.',
  'Answer the math word problem with a single number.',
  'Read the word problem carefully, write out each arithmetic operation in order, and double-check the result.',
  'Given the question, produce the answer.',
  'You are a meticulous math tutor. Show your work for each step and verify the final answer.',
  'You are a quick assistant. Give the answer to the question as fast as possible.',
  'Break the problem into its operations, compute each one carefully, and give only the final number as the answer.',
  'Read the question and respond with the final numeric answer.',
]

const knownTexts: Record<string, string[]> = {
  observations: [
    'The examples are short arithmetic word problems about everyday situations such as shopping, baking, savings, travel and gardening. Each one starts from a quantity, changes it with one to four additions, subtractions, multiplications or divisions, and asks for the final whole number.',
  ],
  summary: [
    'The dataset holds short everyday arithmetic word problems. Each applies one to four basic operations to a starting quantity and asks for a single whole-number answer.',
  ],
  program_description: [
    'The program solves arithmetic word problems: one predictor reads the question, works through the operations, and returns the final number as the answer.',
  ],
  module_description: [
    'This module reads the word problem, reasons through each arithmetic step, and writes the resulting number in the answer field.',
  ],
  proposed_prefix_for_output_field: ['Answer:', 'Final answer:', 'The answer is:'],
}

/**
 * SimulatedLM's value for an output field other than `answer` and `reasoning`: an instruction
 * candidate, `COMPLETE` for `observations` when prior observations are given, a known text, a
 * number or boolean for such types, or a placeholder sentence.
 */
export function simulatedMetaAnswer(
  name: string,
  type: string,
  inputs: Record<string, string>,
  rng: PythonRandom,
): unknown {
  if (name === 'proposed_instruction' || name === 'new_instruction')
    return rng.choice(simulatedInstructionCandidates)
  if (name === 'observations' && 'prior_observations' in inputs) return 'COMPLETE'
  const known = knownTexts[name]
  if (known) return rng.choice(known)
  if (/^(int|float)$/.test(type)) return rng.randint(1, 100)
  if (type === 'bool') return rng.random() < 0.5
  return `A simulated ${name.replaceAll('_', ' ')} (SimulatedLM does not know this field).`
}
