import { describe, expect, it } from 'vitest'
import { GepaState } from './gepa-state.ts'

const scores = (...values: number[]) => new Map(values.map((value, index) => [index, value]))

describe('GepaState', () => {
  it('starts with the seed on every front and its evaluations counted', () => {
    const state = new GepaState({ seed: { a: 'A', b: 'B' }, seedScores: scores(1, 0, 0.5) })
    expect(state.candidates).toEqual([{ a: 'A', b: 'B' }])
    expect(state.parents).toEqual([[null]])
    expect([...state.programsAtFront.values()].map((front) => [...front])).toEqual([[0], [0], [0]])
    expect(state.totalEvals).toBe(3)
    expect(state.i).toBe(-1)
    expect(state.averageScore(0)).toBe(0.5)
  })

  it('keeps per-example fronts: better scores replace, ties join', () => {
    const state = new GepaState({ seed: { a: 'A' }, seedScores: scores(1, 0, 0.5) })
    const one = state.addProgram({ parents: [0], candidate: { a: 'A1' }, scores: scores(1, 1, 0) })
    expect(one).toBe(1)
    expect([...state.paretoFront.values()]).toEqual([1, 1, 0.5])
    expect([...state.programsAtFront.values()].map((front) => [...front])).toEqual([
      [0, 1],
      [1],
      [0],
    ])
    expect(state.discoveryEvalCounts).toEqual([0, 3])
    expect(state.aggregateScores).toEqual([0.5, 2 / 3])
    expect(state.bestProgram()).toBe(1)
    const copy = state.frontMapping()
    copy.get(0)!.add(7)
    expect(state.programsAtFront.get(0)!.has(7)).toBe(false)
  })

  it('goes round robin over components and children inherit the furthest parent position', () => {
    const state = new GepaState({ seed: { a: 'A', b: 'B', c: 'C' }, seedScores: scores(0) })
    expect(state.takeNextComponent(0)).toBe('a')
    expect(state.takeNextComponent(0)).toBe('b')
    state.addProgram({ parents: [0], candidate: { a: 'A', b: 'B2', c: 'C' }, scores: scores(1) })
    expect(state.takeNextComponent(1)).toBe('c')
    expect(state.takeNextComponent(1)).toBe('a')
  })

  it('breaks average ties by coverage, then by the earliest index', () => {
    const state = new GepaState({ seed: { a: 'A' }, seedScores: scores(1, 0) })
    state.addProgram({ parents: [0], candidate: { a: 'B' }, scores: scores(0, 1) })
    expect(state.bestProgram()).toBe(0)
  })
})
