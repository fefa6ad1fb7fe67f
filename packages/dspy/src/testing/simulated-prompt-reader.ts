import {
  type ParsedArithmeticProblem,
  parseArithmeticProblem,
} from '../datasets/arithmetic-problem-parser.ts'
import type { ChatMessage } from '../lm/lm-types.ts'

/** What {@link readPrompt} finds in a prompt: all of an assessment but its chance of a right answer. */
export interface SimulatedPromptReading {
  json: boolean
  instructions: string
  outputFields: { name: string; type: string }[]
  inputs: Record<string, string>
  problem: ParsedArithmeticProblem | undefined
  correctDemos: number
  wrongDemos: number
}

const headerLine = /^\[\[ ## (\w+) ## \]\]/

/** The text of a message (the text parts of a multi-part one, joined). */
export function textOf(message: ChatMessage | undefined): string {
  if (!message) return ''
  if (typeof message.content === 'string') return message.content
  return message.content
    .map((part) => (part as { text?: unknown }).text)
    .filter((text): text is string => typeof text === 'string')
    .join('')
}

/** `[[ ## name ## ]]` sections of a message (first occurrence wins), or the keys of a JSON answer. */
function readSections(text: string): Record<string, string> {
  const trimmed = text.trim()
  if (trimmed.startsWith('{')) {
    try {
      const record = JSON.parse(trimmed) as Record<string, unknown>
      return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, String(value)]))
    } catch {}
  }
  const lines: Record<string, string[]> = {}
  let current: string[] | undefined
  for (const line of text.split('\n')) {
    const name = headerLine.exec(line.trim())?.[1]
    if (name === undefined) current?.push(line)
    else if (name in lines) current = undefined
    else current = lines[name] = []
  }
  return Object.fromEntries(
    Object.entries(lines).map(([name, body]) => [name, body.join('\n').trim()]),
  )
}

function lastNumber(text: string): number | undefined {
  const numbers = text.replaceAll(',', '').match(/-?\d+(\.\d+)?/g)
  return numbers ? Number(numbers.at(-1)) : undefined
}

function outputFieldsOf(system: string, request: string): { name: string; type: string }[] {
  const listed = system.split('Your output fields are:')[1]?.split('\nAll interactions')[0] ?? ''
  const types = new Map<string, string>()
  for (const line of listed.split('\n')) {
    const match = /^\d+\. `([^`]+)` \((.*?)\)(?::|$)/.exec(line)
    if (match) types.set(match[1]!, match[2]!)
  }
  const requirement = request.slice(request.lastIndexOf('Respond with'))
  const named = [...requirement.matchAll(/`(?:\[\[ ## )?(\w+)(?: ## \]\])?`/g)]
    .map((match) => match[1]!)
    .filter((name) => name !== 'completed')
  const names = named.length > 0 ? named : [...types.keys()]
  return names.map((name) => ({ name, type: types.get(name) ?? 'str' }))
}

/** The system message's instructions (after ChatAdapter's objective line), dedented. */
function instructionsOf(system: string): string {
  const marker = 'In adhering to this structure, your objective is: '
  return (system.split(marker)[1] ?? '')
    .split('\n')
    .map((line) => line.replace(/^ {8}/, ''))
    .join('\n')
    .trim()
}

/** Counts the demo (user, assistant) pairs whose answer is right, and wrong, for their question. */
function gradeDemos(turns: ChatMessage[]): { correctDemos: number; wrongDemos: number } {
  let correctDemos = 0
  let wrongDemos = 0
  for (let index = 0; index + 1 < turns.length; index += 2) {
    const question = readSections(textOf(turns[index])).question ?? ''
    const given = lastNumber(readSections(textOf(turns[index + 1])).answer ?? '')
    const truth = parseArithmeticProblem(question)?.answer
    if (truth === undefined || given === undefined) continue
    if (given === truth) correctDemos += 1
    else wrongDemos += 1
  }
  return { correctDemos, wrongDemos }
}

/**
 * Reads a ChatAdapter or JSONAdapter prompt: the final message's input sections, the system
 * instructions, the requested output fields, the arithmetic problem asked, and how many demos
 * answer right or wrong.
 */
export function readPrompt(messages: ChatMessage[]): SimulatedPromptReading {
  const system = messages[0]?.role === 'system' ? textOf(messages[0]) : ''
  const last = textOf(messages.at(-1))
  const cut = last.lastIndexOf('Respond with')
  const inputs = readSections(cut > 0 ? last.slice(0, cut) : last)
  const { correctDemos, wrongDemos } = gradeDemos(messages.slice(system ? 1 : 0, -1))
  const json =
    system.includes('Outputs will be a JSON object') || last.includes('Respond with a JSON object')
  return {
    json,
    instructions: instructionsOf(system),
    outputFields: outputFieldsOf(system, last),
    inputs,
    problem: parseArithmeticProblem(inputs.question ?? ''),
    correctDemos,
    wrongDemos,
  }
}
