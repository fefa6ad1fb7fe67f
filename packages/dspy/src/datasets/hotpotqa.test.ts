import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HotPotQA } from './hotpotqa.ts'

// The same records a Python one-off fed to dspy.datasets.HotPotQA through a fake
// `datasets.load_dataset`; the expected questions below are what DSPy 3.3.1 printed.
const levels = ['hard', 'medium', 'hard', 'easy', 'hard']
const train = Array.from({ length: 60 }, (_, i) => ({
  id: `t${i}`,
  question: `HotPot train ${i}?`,
  answer: `ans${i}`,
  type: 'bridge',
  level: levels[i % 5],
  supporting_facts: { title: [`T${i}a`, `T${i}b`, `T${i}a`], sent_id: [0, 1, 2] },
  context: { title: [`T${i}a`], sentences: [['s']] },
}))
const validation = Array.from({ length: 9 }, (_, i) => ({
  id: `d${i}`,
  question: `HotPot dev ${i}?`,
  answer: `dans${i}`,
  type: 'comparison',
  level: 'hard',
  supporting_facts: { title: [`D${i}`], sent_id: [0] },
  context: { title: [], sentences: [] },
}))
const sizes = { trainSeed: 1, trainSize: 5, evalSeed: 2023, devSize: 4, testSize: 3 }

let folder: string
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'hotpot-'))
  const jsonl = (records: object[]) => records.map((r) => `${JSON.stringify(r)}\n`).join('')
  await writeFile(join(folder, 'train.jsonl'), jsonl(train))
  await writeFile(join(folder, 'validation.jsonl'), jsonl(validation))
})
afterAll(() => rm(folder, { recursive: true, force: true }))

describe('HotPotQA', () => {
  it('keeps hard train examples, splits 75/25, and samples like DSPy', async () => {
    const hotpot = await HotPotQA.load({ path: folder, ...sizes })
    expect(hotpot.train.map((x) => x.question)).toEqual([
      'HotPot train 30?',
      'HotPot train 25?',
      'HotPot train 22?',
      'HotPot train 17?',
      'HotPot train 10?',
    ])
    expect(hotpot.dev.map((x) => x.question)).toEqual([
      'HotPot train 42?',
      'HotPot train 57?',
      'HotPot train 27?',
      'HotPot train 52?',
    ])
    expect(hotpot.test.map((x) => x.question)).toEqual([
      'HotPot dev 1?',
      'HotPot dev 0?',
      'HotPot dev 5?',
    ])
    hotpot.resetSeeds({ trainSeed: 2 })
    expect(hotpot.train.map((x) => x.question)).toEqual([
      'HotPot train 35?',
      'HotPot train 7?',
      'HotPot train 5?',
      'HotPot train 39?',
      'HotPot train 0?',
    ])
  })

  it("keeps DSPy's fields for keepDetails 'dev_titles'", async () => {
    const hotpot = await new HotPotQA({ path: folder, ...sizes }).load()
    expect(hotpot.train[0]!.keys().sort()).toEqual(['answer', 'question'])
    expect(hotpot.dev[0]!.keys().sort()).toEqual(['answer', 'gold_titles', 'question'])
    expect(hotpot.dev[0]!.gold_titles).toEqual(new Set(['T42a', 'T42b']))
    expect(hotpot.test[0]!.keys().sort()).toEqual([
      'answer',
      'gold_titles',
      'id',
      'question',
      'type',
    ])
    expect(hotpot.train[0]!.dspy_split).toBe('train')
    const plain = await HotPotQA.load({ path: folder, keepDetails: false, inputKeys: ['question'] })
    expect(plain.train).toHaveLength(27)
    expect(plain.dev).toHaveLength(9)
    expect(plain.dev[0]!.keys().sort()).toEqual(['answer', 'question'])
    expect(plain.dev[0]!.inputs().keys()).toEqual(['question'])
  })

  it('loads hotpotqa/hotpot_qa fullwiki from the datasets server', async () => {
    const requested: string[] = []
    const fetch = (async (input: string) => {
      const url = new URL(input)
      requested.push(
        `${url.searchParams.get('dataset')}/${url.searchParams.get('config')}/${url.searchParams.get('split')}`,
      )
      const data = url.searchParams.get('split') === 'train' ? train : validation
      const offset = Number(url.searchParams.get('offset'))
      const rows = data.slice(offset, offset + 100).map((row) => ({ row }))
      return Response.json({ rows, num_rows_total: data.length })
    }) as typeof globalThis.fetch
    const cacheDir = await mkdtemp(join(tmpdir(), 'hotpot-cache-'))
    try {
      const hotpot = await HotPotQA.load({ fetch, cacheDir, ...sizes })
      expect(hotpot.dev.map((x) => x.question)[0]).toBe('HotPot train 42?')
      expect(requested.sort()).toEqual([
        'hotpotqa/hotpot_qa/fullwiki/train',
        'hotpotqa/hotpot_qa/fullwiki/validation',
      ])
    } finally {
      await rm(cacheDir, { recursive: true, force: true })
    }
  })
})
