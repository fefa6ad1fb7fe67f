import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DspyError } from '../errors/dspy-error.ts'
import { Example } from '../primitives/example.ts'
import { Prediction } from '../primitives/prediction.ts'
import { GSM8K, gsm8kMetric, parseGsm8kRecord, parseIntegerAnswer } from './gsm8k.ts'

// The same records a Python one-off fed to dspy.datasets.gsm8k.GSM8K through a fake
// `datasets.load_dataset`; the expected orders below are what DSPy 3.3.1 printed.
const trainRecords = Array.from({ length: 520 }, (_, i) => ({
  question: `Train question ${i}: how many?`,
  answer: `Line one for ${i}.\n  Line   two <<${i}*2=${i * 2}>>.\n#### ${(i * 1000).toLocaleString('en-US')}`,
}))
const testRecords = Array.from({ length: 23 }, (_, i) => ({
  question: `Test question ${i}?`,
  answer: `Because ${i}.\n#### ${i - 5}`,
}))
const index = (example: Example) => Number(/question (\d+)/.exec(String(example.question))![1])

let folder: string
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'gsm8k-'))
  const jsonl = (records: object[]) => records.map((r) => `${JSON.stringify(r)}\n`).join('')
  await writeFile(join(folder, 'train.jsonl'), jsonl(trainRecords))
  await writeFile(join(folder, 'test.jsonl'), jsonl(testRecords))
})
afterAll(() => rm(folder, { recursive: true, force: true }))

describe('GSM8K', () => {
  it('splits and shuffles exactly as DSPy does', async () => {
    const gsm8k = await GSM8K.load({ path: folder })
    expect(gsm8k.train).toHaveLength(200)
    expect(gsm8k.dev).toHaveLength(300)
    expect(gsm8k.test).toHaveLength(23)
    expect(gsm8k.train.slice(0, 12).map(index)).toEqual([
      469, 345, 196, 84, 385, 428, 17, 228, 146, 68, 26, 263,
    ])
    expect(gsm8k.dev.slice(0, 12).map(index)).toEqual([
      281, 173, 242, 3, 33, 185, 21, 407, 446, 501, 471, 213,
    ])
    expect(gsm8k.dev.slice(-3).map(index)).toEqual([465, 128, 409])
    expect(gsm8k.test.map(index)).toEqual([
      20, 21, 11, 14, 10, 0, 6, 18, 4, 2, 19, 3, 17, 5, 7, 9, 22, 15, 16, 8, 1, 13, 12,
    ])
  })

  it('builds question, gold_reasoning and answer with question as the input', async () => {
    const gsm8k = await new GSM8K({ path: folder }).load()
    expect(gsm8k.train[0]!.toDict()).toEqual({
      question: 'Train question 469: how many?',
      gold_reasoning: 'Line one for 469. Line two <<469*2=938>>.',
      answer: '469000',
    })
    expect(gsm8k.train[0]!.inputs().keys()).toEqual(['question'])
    expect(gsm8k.test[0]!.toDict()).toEqual({
      question: 'Test question 20?',
      gold_reasoning: 'Because 20.',
      answer: '15',
    })
  })

  it('reads through an injected filesystem', async () => {
    const files: Record<string, string> = {
      [join('/data', 'train.jsonl')]: `${JSON.stringify(trainRecords[0])}\n`,
      [join('/data', 'test.jsonl')]: `${JSON.stringify(testRecords[7])}\n\n`,
    }
    const fs = {
      readFile: async (path: string) => files[path] ?? Promise.reject(new Error('ENOENT')),
      writeFile: async () => {},
      mkdir: async () => undefined,
      rename: async () => {},
    }
    const gsm8k = await GSM8K.load({ path: '/data', fs })
    expect(gsm8k.train.map(index)).toEqual([0])
    expect(gsm8k.dev).toEqual([])
    expect(gsm8k.test[0]!.answer).toBe('2')
  })

  it('says how to load before the splits are read, and rejects malformed answers', async () => {
    expect(() => new GSM8K().train).toThrow(/await GSM8K.load\(\)/)
    expect(() => parseGsm8kRecord({ question: 'q', answer: 'no marker 5' })).toThrow(/####/)
    expect(() => parseGsm8kRecord({ question: 'q', answer: '#### 2.5' })).toThrow(/####/)
    expect(parseGsm8kRecord({ question: 'q', answer: 'x\n#### +0_07' }).answer).toBe('7')
    const error = await GSM8K.load({ path: join(folder, 'missing') }).catch((e: unknown) => e)
    expect(DspyError.isInstance(error)).toBe(true)
    expect((error as Error).name).toBe('DatasetUnavailableError')
  })
})

describe('parseIntegerAnswer', () => {
  // Pairs printed by DSPy's parse_integer_answer (first line only, then whole text).
  const cases: [string, number, number][] = [
    ['The answer is $1,250.50', 1250, 1250],
    ['-5 apples', 5, 5],
    ['no digits', 0, 0],
    ['3.\n4', 3, 4],
    [' 12 \n 7', 12, 7],
    ['x1y2 z', 12, 12],
    ['42.0', 42, 42],
    ['', 0, 0],
  ]
  it.each(cases)('parses %j', (text, firstLine, wholeText) => {
    expect(parseIntegerAnswer(text)).toBe(firstLine)
    expect(parseIntegerAnswer(text, false)).toBe(wholeText)
  })
})

describe('gsm8kMetric', () => {
  it('compares the integers of gold and predicted answers', () => {
    const gold = new Example({ question: 'q', answer: '1250' })
    expect(gsm8kMetric(gold, new Prediction({ answer: 'It costs $1,250.' }))).toBe(true)
    expect(gsm8kMetric(gold, new Prediction({ answer: '1250\n(not 7)' }))).toBe(true)
    expect(gsm8kMetric(gold, new Prediction({ answer: '125' }))).toBe(false)
    expect(gsm8kMetric(new Example({ answer: 42 }), { answer: 42.0 })).toBe(true)
    expect(gsm8kMetric(new Example({ answer: '0' }), { answer: null })).toBe(true)
  })
})
