import { describe, expect, it } from 'vitest'
import { DspyError } from '../errors/dspy-error.ts'
import { Dataset, type DatasetRecord } from './dataset.ts'

const records = (count: number, start = 0): DatasetRecord[] =>
  Array.from({ length: count }, (_, i) => ({ q: start + i, a: `a${start + i}` }))

function counter(): () => string {
  let next = 0
  return () => {
    next += 1
    return `uuid-${next}`
  }
}

describe('Dataset', () => {
  it('shuffles each split with random.Random(seed) and keeps every record', () => {
    // random.Random(1).shuffle(range(10)) and random.Random(2023).shuffle(range(10)) in CPython.
    const data = new Dataset({
      records: { train: records(10), dev: records(10) },
      trainSeed: 1,
      evalSeed: 2023,
    })
    expect(data.train.map((x) => x.q)).toEqual([6, 8, 9, 7, 5, 3, 0, 4, 1, 2])
    expect(data.dev.map((x) => x.q)).toEqual([1, 0, 3, 8, 5, 4, 2, 9, 7, 6])
  })

  it('truncates after shuffling, and adds dspy_uuid, dspy_split and the inputs', () => {
    const data = new Dataset({
      records: { test: records(10) },
      testSize: 3,
      inputKeys: ['q'],
      uuid: counter(),
    })
    const test = data.test
    expect(test.map((x) => x.q)).toEqual([7, 8, 1])
    expect(test[0]!.toDict()).toEqual({ q: 7, a: 'a7', dspy_uuid: 'uuid-1', dspy_split: 'test' })
    expect(test[0]!.keys()).toEqual(['q', 'a'])
    expect(test[0]!.inputs().toDict()).toEqual({ q: 7 })
    expect(data.test).toBe(test)
  })

  it('leaves inputs unset without input keys, and keeps the order when doShuffle is off', () => {
    const data = new Dataset({ records: { train: records(4) } })
    data.doShuffle = false
    expect(data.train.map((x) => x.q)).toEqual([0, 1, 2, 3])
    expect(data.train[0]!.inputFieldNames).toBeUndefined()
    expect(data.name).toBe('Dataset')
  })

  it('resetSeeds forgets served splits; unset values keep their settings; size 0 is empty', () => {
    const data = new Dataset({ records: { train: records(10), test: records(5) }, trainSize: 4 })
    const first = data.train
    data.resetSeeds({ trainSeed: 1 })
    expect(data.train).not.toBe(first)
    expect(data.train.map((x) => x.q)).toEqual([6, 8, 9, 7])
    data.resetSeeds({ testSize: 0 })
    expect(data.test).toEqual([])
  })

  it('prepareBySeed matches DSPy', () => {
    const data = new Dataset({ records: { train: records(40), dev: records(40, 100) } })
    const { trainSets, evalSets } = data.prepareBySeed({
      trainSeeds: [1, 2],
      trainSize: 3,
      devSize: 6,
      evalSeed: 2023,
    })
    expect(trainSets.map((set) => set.map((x) => x.q))).toEqual([
      [23, 2, 11],
      [26, 4, 39],
    ])
    expect(evalSets.map((set) => set.map((x) => x.q))).toEqual([
      [138, 103, 123],
      [137, 122, 109],
    ])
  })

  it('throws a typed error for a split without records', () => {
    class Empty extends Dataset {}
    let error: unknown
    try {
      void new Empty().dev
    } catch (caught) {
      error = caught
    }
    expect(DspyError.isInstance(error)).toBe(true)
    expect((error as Error).message).toMatch(/Empty has no dev records/)
  })
})
