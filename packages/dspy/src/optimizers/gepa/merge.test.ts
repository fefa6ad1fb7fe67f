import { describe, expect, it } from 'vitest'
import { PythonRandom } from '../../python/python-random.ts'
import { GepaState } from './gepa-state.ts'
import { MergeProposer } from './merge.ts'

const scores = (...values: number[]) => new Map(values.map((value, index) => [index, value]))

function lineage(): GepaState {
  const state = new GepaState({ seed: { a: 'A0', b: 'B0' }, seedScores: scores(1, 0, 0, 0, 0, 0) })
  state.addProgram({
    parents: [0],
    candidate: { a: 'A1', b: 'B0' },
    scores: scores(1, 1, 1, 0, 0, 0),
  })
  state.addProgram({
    parents: [0],
    candidate: { a: 'A0', b: 'B2' },
    scores: scores(1, 0, 0, 1, 1, 0),
  })
  state.addProgram({
    parents: [1],
    candidate: { a: 'A3', b: 'B0' },
    scores: scores(1, 1, 1, 0, 0, 1),
  })
  state.i = 3
  return state
}

describe('MergeProposer', () => {
  it('merges two Pareto candidates through their common ancestor, as gepa 0.1.4', async () => {
    const state = lineage()
    const calls: [Record<string, string>, number[]][] = []
    const merge = new MergeProposer({
      rng: new PythonRandom(0),
      maxMergeInvocations: 5,
      evaluate: async (candidate, ids) => {
        calls.push([candidate, ids])
        return ids.map(() => 1)
      },
    })
    merge.lastIterFoundNewProgram = true
    merge.mergesDue = 1
    const evalsBefore = state.totalEvals
    const proposal = await merge.propose(state)
    // gepa: candidate {'a': 'A3', 'b': 'B2'}, parents [2, 3], subsample [4, 3, 2, 5, 0], before [3, 3].
    expect(proposal).toMatchObject({
      candidate: { a: 'A3', b: 'B2' },
      id1: 2,
      id2: 3,
      ancestor: 0,
      subsampleIds: [4, 3, 2, 5, 0],
      scoresBefore: [3, 3],
      scoresAfter: [1, 1, 1, 1, 1],
    })
    expect(calls).toEqual([[{ a: 'A3', b: 'B2' }, [4, 3, 2, 5, 0]]])
    expect(state.totalEvals).toBe(evalsBefore + 5)
    // The same triplet is never merged twice.
    expect(await merge.propose(state)).toBeUndefined()
  })

  it('only merges when scheduled and with enough shared validation examples', async () => {
    const merge = new MergeProposer({
      rng: new PythonRandom(0),
      maxMergeInvocations: 5,
      valOverlapFloor: 7,
      evaluate: async (_, ids) => ids.map(() => 1),
    })
    expect(await merge.propose(lineage())).toBeUndefined()
    merge.lastIterFoundNewProgram = true
    merge.mergesDue = 1
    expect(await merge.propose(lineage())).toBeUndefined()
  })

  it('selects a balanced validation subsample as gepa does', () => {
    const merge = new MergeProposer({
      rng: new PythonRandom(1),
      maxMergeInvocations: 5,
      evaluate: async () => [],
    })
    const first = new Map(Array.from({ length: 12 }, (_, i) => [i, Number(i % 3 === 0)]))
    const second = new Map(Array.from({ length: 12 }, (_, i) => [i, Number(i % 2 === 0)]))
    expect(merge.selectSubsample(first, second)).toEqual([3, 9, 8, 2, 6])
    expect(merge.selectSubsample(first, second)).toEqual([9, 3, 10, 2, 0])
  })
})
