import { Example } from '../primitives/example.ts'
import { PythonRandom } from '../python/python-random.ts'
import { parseGsm8kRecord } from './gsm8k.ts'

/** How many operations a problem has: easy 1–2, medium 2–3, hard 3–4, mixed 1–4. */
export type ArithmeticDifficulty = 'easy' | 'medium' | 'hard' | 'mixed'

/** An arithmetic operation of a problem. */
export type ArithmeticOperation = 'add' | 'sub' | 'mul' | 'div'

/** A problem in GSM8K's official format: the solution ends with a `#### <answer>` line. */
export interface ArithmeticProblem {
  question: string
  answer: string
}

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

interface Theme {
  items: string[]
  money?: boolean
  start: string[]
  add: string[]
  sub: string[]
  mul: string[]
  div: string[]
  ask: string[]
}

// {n}: an amount (written $n in money themes); {k}: a factor or divisor; {He}/{he}/{him}/{his}
// follow the person's pronoun. Every template of one operation must not match another's sentence.
const themes: Theme[] = [
  {
    items: ['apples', 'oranges', 'pears', 'lemons'],
    start: ['{name} has {n} {items} in a basket.', '{name} buys {n} {items} at the market.'],
    add: ['{He} buys {n} more {items}.', 'A friend gives {him} {n} more {items}.'],
    sub: ['{He} gives {n} {items} to a neighbor.', '{He} uses {n} {items} to make juice.'],
    mul: [
      'By the weekend {he} has {k} times as many {items} as before.',
      'A farm stand deal leaves {him} with {k} times as many {items}.',
    ],
    div: [
      '{He} packs the {items} equally into {k} bags and keeps one bag.',
      '{He} splits the {items} into {k} equal piles and keeps one pile.',
    ],
    ask: ['How many {items} does {name} have now?'],
  },
  {
    items: ['cookies', 'muffins', 'cupcakes', 'rolls'],
    start: ['{name} bakes {n} {items} for a school fair.'],
    add: ['{He} bakes another {n} {items}.', '{His} aunt brings {n} more {items}.'],
    sub: ['{He} sells {n} of the {items}.', '{His} family eats {n} of the {items}.'],
    mul: [
      '{He} scales up the recipe so there are {k} times as many {items}.',
      '{He} repeats the whole batch until there are {k} times as many {items}.',
    ],
    div: [
      '{He} divides the {items} equally into {k} boxes and keeps one box.',
      '{He} shares the {items} equally among {k} tables and keeps the share of one table.',
    ],
    ask: ['How many {items} does {name} have at the end?'],
  },
  {
    items: ['dollars'],
    money: true,
    start: ['{name} has {n} in a piggy bank.', '{name} starts the month with {n} in savings.'],
    add: ['{He} earns {n} more by walking dogs.', '{His} grandmother gives {him} {n}.'],
    sub: ['{He} spends {n} on a book.', '{He} pays {n} for a movie ticket.'],
    mul: [
      'After a year of saving, {his} money is {k} times as much.',
      'A matching program makes {his} savings {k} times as large.',
    ],
    div: [
      '{He} splits the money equally into {k} envelopes and keeps one envelope.',
      '{He} divides the money equally among {k} jars and keeps one jar.',
    ],
    ask: ['How much money, in dollars, does {name} have now?'],
  },
  {
    items: ['miles'],
    start: ['{name} plans a road trip of {n} miles.'],
    add: ['{He} adds a detour of {n} miles.', 'A visit to a lake adds {n} miles to the plan.'],
    sub: ['A shortcut saves {him} {n} miles.', 'Skipping a town cuts {n} miles from the plan.'],
    mul: [
      '{He} decides to repeat the route so the plan is {k} times as long.',
      'Adding return legs makes the plan {k} times as long.',
    ],
    div: [
      '{He} cuts the plan down to one of {k} equal parts.',
      'The plan shrinks to one of {k} equal stages.',
    ],
    ask: ['How many miles long is the plan now?'],
  },
  {
    items: ['tulips', 'sunflowers', 'tomato plants'],
    start: ['{name} plants {n} {items} in the spring.'],
    add: ['{He} plants {n} more {items}.', 'A neighbor donates {n} more {items}.'],
    sub: ['Rabbits eat {n} of the {items}.', 'A storm ruins {n} of the {items}.'],
    mul: [
      'By summer the garden has {k} times as many {items} as before.',
      'The {items} spread until there are {k} times as many.',
    ],
    div: [
      '{He} spreads the {items} equally over {k} beds and tends only one bed.',
      '{He} gives away all but one of {k} equal groups of {items}.',
    ],
    ask: ['How many {items} does {name} tend now?'],
  },
  {
    items: ['books', 'comics', 'magazines'],
    start: ["{name}'s shelf holds {n} {items}."],
    add: ['{He} finds {n} more {items} at a fair.', 'A cousin lends {him} {n} more {items}.'],
    sub: ['{He} donates {n} {items} to the library.', '{He} lends {n} {items} to classmates.'],
    mul: [
      'After an inheritance {he} owns {k} times as many {items} as before.',
      'A book swap leaves {him} with {k} times as many {items}.',
    ],
    div: [
      '{He} sorts the {items} equally onto {k} shelves and keeps one shelf.',
      '{He} splits the {items} into {k} equal stacks and keeps one stack.',
    ],
    ask: ['How many {items} does {name} keep?'],
  },
  {
    items: ['eggs'],
    start: ["{name}'s hens lay {n} eggs on Monday."],
    add: ['On Tuesday the hens lay {n} more eggs.', 'A neighbor drops off {n} more eggs.'],
    sub: ['{He} uses {n} eggs for breakfast.', '{He} cracks {n} eggs while cleaning.'],
    mul: [
      'By Sunday {he} has {k} times as many eggs as before.',
      'After a good week there are {k} times as many eggs.',
    ],
    div: [
      '{He} packs the eggs equally into {k} cartons and keeps one carton.',
      '{He} splits the eggs into {k} equal baskets and keeps one basket.',
    ],
    ask: ['How many eggs does {name} have?'],
  },
]

const names: [string, 'she' | 'he'][] = [
  ['Maya', 'she'],
  ['Liam', 'he'],
  ['Sofia', 'she'],
  ['Omar', 'he'],
  ['Aisha', 'she'],
  ['Kenji', 'he'],
  ['Elena', 'she'],
  ['Mateo', 'he'],
  ['Priya', 'she'],
  ['Noah', 'he'],
  ['Hana', 'she'],
  ['Ravi', 'he'],
  ['Grace', 'she'],
  ['Diego', 'he'],
  ['Amara', 'she'],
  ['Felix', 'he'],
]

const pronouns = {
  she: { He: 'She', he: 'she', him: 'her', His: 'Her', his: 'her' },
  he: { He: 'He', he: 'he', him: 'him', His: 'His', his: 'his' },
}

const ranges = {
  easy: { ops: [1, 2], start: [5, 40], amount: [2, 20], factor: 3 },
  medium: { ops: [2, 3], start: [10, 120], amount: [2, 60], factor: 4 },
  hard: { ops: [3, 4], start: [20, 400], amount: [3, 150], factor: 6 },
  mixed: { ops: [1, 4], start: [5, 200], amount: [2, 80], factor: 5 },
}

const symbols = { add: '+', sub: '-', mul: '*', div: '/' } as const

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole)
}

function nextStep(
  rng: PythonRandom,
  current: number,
  range: (typeof ranges)['easy'],
): { operation: ArithmeticOperation; operand: number } {
  const divisors = [2, 3, 4, 5, 6, 7, 8, 9].filter((d) => current % d === 0 && current / d >= 2)
  const options: ArithmeticOperation[] = ['add', 'sub', 'add', 'sub']
  if (current * 2 <= 5000) options.push('mul')
  if (divisors.length > 0) options.push('div', 'div')
  const operation = rng.choice(options)
  if (operation === 'mul') {
    const most = Math.max(2, Math.min(range.factor, Math.floor(5000 / current)))
    return { operation, operand: rng.randint(2, most) }
  }
  if (operation === 'div') return { operation, operand: rng.choice(divisors) }
  if (operation === 'sub' && current > 2) {
    return { operation, operand: rng.randint(1, Math.min(range.amount[1]!, current - 1)) }
  }
  return { operation: 'add', operand: rng.randint(range.amount[0]!, range.amount[1]!) }
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

function generateOne(rng: PythonRandom, difficulty: ArithmeticDifficulty): ArithmeticProblem {
  const range = ranges[difficulty]
  const theme = rng.choice(themes)
  const items = rng.choice(theme.items)
  const [name, pronoun] = rng.choice(names)
  const amount = (n: number) => (theme.money ? `$${n}` : String(n))
  const values = { ...pronouns[pronoun], name, items }
  const start = rng.randint(range.start[0]!, range.start[1]!)
  const sentences = [fill(rng.choice(theme.start), { ...values, n: amount(start) })]
  const reasoning: string[] = []
  const used = new Set<string>()
  let current = start
  const count = rng.randint(range.ops[0]!, range.ops[1]!)
  for (let index = 0; index < count; index += 1) {
    const { operation, operand } = nextStep(rng, current, range)
    const fresh = theme[operation].filter((candidate) => !used.has(candidate))
    const template = rng.choice(fresh.length > 0 ? fresh : theme[operation])
    used.add(template)
    const number = operation === 'mul' || operation === 'div' ? String(operand) : amount(operand)
    sentences.push(fill(template, { ...values, n: number, k: String(operand) }))
    const next = applyArithmetic(current, operation, operand)
    const symbol = symbols[operation]
    const unit = theme.money ? '' : ` ${items}`
    reasoning.push(
      `That makes ${amount(current)} ${symbol} ${number} = ${theme.money ? '$' : ''}<<${current}${symbol}${operand}=${next}>>${next}${unit}.`,
    )
    current = next
  }
  sentences.push(fill(rng.choice(theme.ask), values))
  return { question: sentences.join(' '), answer: `${reasoning.join('\n')}\n#### ${current}` }
}

/** Options of {@link generateArithmeticProblems}. */
export interface GenerateArithmeticOptions {
  count: number
  seed: number
  difficulty?: ArithmeticDifficulty
}

/**
 * Seeded arithmetic word problems (shopping, baking, savings, travel, gardening, books, eggs) with
 * 1–4 operations, in GSM8K's official format: `question`, and `answer` holding the worked
 * solution (with GSM8K's `<<a+b=c>>` calculator notes) and a final `#### n` line, so they can be
 * written as `train.jsonl`/`test.jsonl` and read by {@link GSM8K}. Questions are distinct;
 * intermediate values stay positive integers. The same options give the same problems.
 *
 * @example
 * const [problem] = generateArithmeticProblems({ count: 1, seed: 7 })
 * problem.answer.split('\n').at(-1) // '#### 42' (for example)
 */
export function generateArithmeticProblems(
  options: GenerateArithmeticOptions,
): ArithmeticProblem[] {
  const rng = new PythonRandom(options.seed)
  const seen = new Set<string>()
  const problems: ArithmeticProblem[] = []
  for (let tries = 0; problems.length < options.count && tries < options.count * 50; tries += 1) {
    const problem = generateOne(rng, options.difficulty ?? 'mixed')
    if (seen.has(problem.question)) continue
    seen.add(problem.question)
    problems.push(problem)
  }
  return problems
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

/** Options of {@link syntheticArithmetic}. */
export interface SyntheticArithmeticOptions {
  trainSize?: number
  devSize?: number
  testSize?: number
  seed?: number
  difficulty?: ArithmeticDifficulty
}

/**
 * A GSM8K-shaped synthetic dataset: distinct problems from {@link generateArithmeticProblems},
 * split in order into train, dev and test, each an
 * `Example({ question, gold_reasoning, answer }).withInputs('question')` exactly like GSM8K's.
 * Defaults: 200 / 300 / 300 problems, seed 0, mixed difficulty.
 *
 * @example
 * const { train, dev } = syntheticArithmetic({ trainSize: 50, devSize: 100, testSize: 0, seed: 1 })
 * train[0].inputs().toDict() // { question: '…' }
 */
export function syntheticArithmetic(options: SyntheticArithmeticOptions = {}): {
  train: Example[]
  dev: Example[]
  test: Example[]
} {
  const trainSize = options.trainSize ?? 200
  const devSize = options.devSize ?? 300
  const testSize = options.testSize ?? 300
  const problems = generateArithmeticProblems({
    count: trainSize + devSize + testSize,
    seed: options.seed ?? 0,
    difficulty: options.difficulty,
  })
  const examples = problems.map((problem) =>
    new Example({ ...parseGsm8kRecord(problem) }).withInputs('question'),
  )
  return {
    train: examples.slice(0, trainSize),
    dev: examples.slice(trainSize, trainSize + devSize),
    test: examples.slice(trainSize + devSize),
  }
}
