import { type Theme, themes } from './arithmetic-templates.ts'

/** An arithmetic operation of a problem. */
export type ArithmeticOperation = 'add' | 'sub' | 'mul' | 'div'

/** A question read back by {@link parseArithmeticProblem}. */
export interface ParsedArithmeticProblem {
  name: string
  /** The plural noun counted, or `'dollars'` for money problems. */
  items: string
  money: boolean
  start: number
  steps: { operation: ArithmeticOperation; operand: number }[]
  answer: number
}

/**
 * Applies one operation of a problem.
 *
 * @example
 * applyArithmetic(12, 'div', 3) // 4
 */
export function applyArithmetic(value: number, operation: ArithmeticOperation, operand: number) {
  if (operation === 'add') return value + operand
  if (operation === 'sub') return value - operand
  if (operation === 'mul') return value * operand
  return value / operand
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

function sentencePattern(template: string, theme: Theme): RegExp {
  const parts: Record<string, string> = {
    name: "([A-Z][\\w'-]*)",
    items: `(${theme.items.map(escapeRegExp).join('|')})`,
    n: theme.money ? '\\$([\\d,]+)' : '([\\d,]+)',
    k: '(\\d+)',
    He: '(?:He|She)',
    he: '(?:he|she)',
    him: '(?:him|her)',
    His: '(?:His|Her)',
    his: '(?:his|her)',
  }
  const source = template
    .split(/(\{\w+\})/)
    .map((part) => {
      const key = /^\{(\w+)\}$/.exec(part)?.[1]
      return key ? parts[key] : escapeRegExp(part)
    })
    .join('')
  return new RegExp(`^${source}$`)
}

type Kind = 'start' | ArithmeticOperation | 'ask'
const patterns = themes.flatMap((theme) =>
  (['start', 'add', 'sub', 'mul', 'div', 'ask'] as const).flatMap((kind) =>
    theme[kind].map((template) => ({
      kind,
      theme,
      template,
      regex: sentencePattern(template, theme),
    })),
  ),
)

function matchSentence(
  sentence: string,
): { kind: Kind; theme: Theme; groups: string[] } | undefined {
  for (const pattern of patterns) {
    const match = pattern.regex.exec(sentence)
    if (match) return { kind: pattern.kind, theme: pattern.theme, groups: match.slice(1) }
  }
  return undefined
}

/**
 * Reads a question written by {@link generateArithmeticProblems} back into its start value and
 * operations, and computes the answer; `undefined` for any other text.
 *
 * @example
 * parseArithmeticProblem('Maya has 12 apples in a basket. She buys 5 more apples. How many apples does Maya have now?')?.answer // 17
 */
export function parseArithmeticProblem(question: string): ParsedArithmeticProblem | undefined {
  const sentences = question.trim().split(/(?<=[.?])\s+/)
  const first = matchSentence(sentences[0] ?? '')
  const last = matchSentence(sentences.at(-1) ?? '')
  if (first?.kind !== 'start' || last?.kind !== 'ask' || sentences.length < 3) return undefined
  const number = (text: string | undefined) => Number((text ?? '').replaceAll(',', ''))
  const numeric = (groups: string[]) => number(groups.find((group) => /^[\d,]+$/.test(group)))
  const start = numeric(first.groups)
  const steps: ParsedArithmeticProblem['steps'] = []
  let value = start
  for (const sentence of sentences.slice(1, -1)) {
    const match = matchSentence(sentence)
    if (!match || match.kind === 'start' || match.kind === 'ask') return undefined
    const operand = numeric(match.groups)
    steps.push({ operation: match.kind, operand })
    value = applyArithmetic(value, match.kind, operand)
  }
  const items = first.groups.find((group) => first.theme.items.includes(group))
  return {
    name: first.groups[0] ?? '',
    items: items ?? first.theme.items[0]!,
    money: first.theme.money ?? false,
    start,
    steps,
    answer: value,
  }
}
