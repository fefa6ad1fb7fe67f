import { describe, expect, it } from 'vitest'
import { GSM8K, parseGsm8kRecord } from './gsm8k.ts'
import {
  type ArithmeticDifficulty,
  generateArithmeticProblems,
  parseArithmeticProblem,
  syntheticArithmetic,
} from './synthetic-arithmetic.ts'

const finalNumber = (answer: string) => Number(answer.split('####').at(-1))

describe('generateArithmeticProblems', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const first = generateArithmeticProblems({ count: 50, seed: 3 })
    expect(generateArithmeticProblems({ count: 50, seed: 3 })).toEqual(first)
    expect(generateArithmeticProblems({ count: 50, seed: 4 })).not.toEqual(first)
    expect(generateArithmeticProblems({ count: 1, seed: 0 })).toEqual([
      {
        question:
          "Diego's hens lay 15 eggs on Monday. He cracks 13 eggs while cleaning. On Tuesday the hens lay 47 more eggs. After a good week there are 3 times as many eggs. He uses 13 eggs for breakfast. How many eggs does Diego have?",
        answer:
          'That makes 15 - 13 = <<15-13=2>>2 eggs.\nThat makes 2 + 47 = <<2+47=49>>49 eggs.\nThat makes 49 * 3 = <<49*3=147>>147 eggs.\nThat makes 147 - 13 = <<147-13=134>>134 eggs.\n#### 134',
      },
    ])
  })

  it.each([
    ['easy', 1, 2],
    ['medium', 2, 3],
    ['hard', 3, 4],
    ['mixed', 1, 4],
  ] as [ArithmeticDifficulty, number, number][])(
    '%s problems have %i to %i operations, distinct questions and GSM8K answers',
    (difficulty, fewest, most) => {
      const problems = generateArithmeticProblems({ count: 400, seed: 11, difficulty })
      expect(new Set(problems.map((p) => p.question)).size).toBe(400)
      const counts = problems.map((p) => p.answer.split('\n').length - 1)
      expect(Math.min(...counts)).toBe(fewest)
      expect(Math.max(...counts)).toBe(most)
      for (const problem of problems) {
        const record = parseGsm8kRecord(problem)
        expect(Number(record.answer)).toBe(finalNumber(problem.answer))
        expect(Number.isInteger(finalNumber(problem.answer))).toBe(true)
        expect(finalNumber(problem.answer)).toBeGreaterThan(0)
      }
    },
  )

  it('uses varied themes', () => {
    const problems = generateArithmeticProblems({ count: 300, seed: 1 })
    const asks = new Set(
      problems.map(
        (p) =>
          p.question
            .split(/(?<=\.) /)
            .at(-1)!
            .split(' ')[2],
      ),
    )
    expect(asks.size).toBeGreaterThanOrEqual(6)
    expect(problems.some((p) => p.question.includes('$'))).toBe(true)
  })
})

describe('parseArithmeticProblem', () => {
  it('solves every generated problem', () => {
    for (const difficulty of ['easy', 'medium', 'hard', 'mixed'] as const) {
      for (const problem of generateArithmeticProblems({ count: 1000, seed: 5, difficulty })) {
        expect(parseArithmeticProblem(problem.question)?.answer).toBe(finalNumber(problem.answer))
      }
    }
  })

  it('reads the start, the steps and the unit', () => {
    const parsed = parseArithmeticProblem(
      'Maya has 12 apples in a basket. She buys 6 more apples. She packs the apples equally into 3 bags and keeps one bag. How many apples does Maya have now?',
    )
    expect(parsed).toEqual({
      name: 'Maya',
      items: 'apples',
      money: false,
      start: 12,
      steps: [
        { operation: 'add', operand: 6 },
        { operation: 'div', operand: 3 },
      ],
      answer: 6,
    })
  })

  it('returns undefined for other text', () => {
    expect(parseArithmeticProblem('What is the capital of France?')).toBeUndefined()
    expect(
      parseArithmeticProblem(
        'Maya has 12 apples in a basket. She sings. How many apples does Maya have now?',
      ),
    ).toBeUndefined()
  })
})

describe('syntheticArithmetic', () => {
  it('returns GSM8K-shaped examples in disjoint splits', () => {
    const { train, dev, test } = syntheticArithmetic({
      trainSize: 30,
      devSize: 40,
      testSize: 20,
      seed: 2,
    })
    expect([train.length, dev.length, test.length]).toEqual([30, 40, 20])
    const questions = new Set([...train, ...dev, ...test].map((x) => x.question))
    expect(questions.size).toBe(90)
    expect(train[0]!.keys()).toEqual(['question', 'gold_reasoning', 'answer'])
    expect(train[0]!.inputs().keys()).toEqual(['question'])
    expect(typeof train[0]!.answer).toBe('string')
    const again = syntheticArithmetic({ trainSize: 30, devSize: 40, testSize: 20, seed: 2 })
    expect(again.dev.map((x) => x.toDict())).toEqual(dev.map((x) => x.toDict()))
  })

  it('writes files GSM8K can load', async () => {
    const problems = generateArithmeticProblems({ count: 600, seed: 9 })
    const files: Record<string, string> = {
      '/synthetic/train.jsonl': problems
        .slice(0, 550)
        .map((p) => JSON.stringify(p))
        .join('\n'),
      '/synthetic/test.jsonl': problems
        .slice(550)
        .map((p) => JSON.stringify(p))
        .join('\n'),
    }
    const fs = {
      readFile: async (path: string) => files[path]!,
      writeFile: async () => {},
      mkdir: async () => undefined,
      rename: async () => {},
    }
    const gsm8k = await GSM8K.load({ path: '/synthetic', fs })
    expect([gsm8k.train.length, gsm8k.dev.length, gsm8k.test.length]).toEqual([200, 300, 50])
  })
})
