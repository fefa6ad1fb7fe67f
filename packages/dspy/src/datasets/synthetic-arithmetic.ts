import { Example } from '../primitives/example.ts'
import { PythonRandom } from '../python/python-random.ts'
import { type ArithmeticOperation, applyArithmetic } from './arithmetic-problem-parser.ts'
import { names, pronouns, themes } from './arithmetic-templates.ts'
import { parseGsm8kRecord } from './gsm8k.ts'

// The parser/solver lives in its own module; re-exported so this module keeps its exports.
export {
  type ArithmeticOperation,
  applyArithmetic,
  type ParsedArithmeticProblem,
  parseArithmeticProblem,
} from './arithmetic-problem-parser.ts'

/** How many operations a problem has: easy 1–2, medium 2–3, hard 3–4, mixed 1–4. */
export type ArithmeticDifficulty = 'easy' | 'medium' | 'hard' | 'mixed'

/** A problem in GSM8K's official format: the solution ends with a `#### <answer>` line. */
export interface ArithmeticProblem {
  question: string
  answer: string
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
