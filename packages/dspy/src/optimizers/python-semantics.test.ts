import { describe, expect, it } from 'vitest'
import { Example } from '../primitives/example.ts'
import { Prediction } from '../primitives/prediction.ts'
import { examplesEqual, pythonEquals, pythonTruthy, stableHash } from './python-semantics.ts'

describe('pythonEquals / examplesEqual', () => {
  it("compares as Python's == does", () => {
    expect(pythonEquals({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true)
    expect(pythonEquals(true, 1)).toBe(true)
    expect(pythonEquals([1], [1, 2])).toBe(false)
    expect(pythonEquals({ a: 1 }, { a: 1, b: 2 })).toBe(false)
    expect(pythonEquals('1', 1)).toBe(false)
  })

  it('compares Examples by their fields only', () => {
    const example = new Example({ q: 'x', a: 'y' }).withInputs('q')
    expect(examplesEqual(new Example({ a: 'y', q: 'x' }), example)).toBe(true)
    expect(examplesEqual(new Example({ q: 'x' }), example)).toBe(false)
    expect(examplesEqual({ q: 'x', a: 'y' }, example)).toBe(false)
  })
})

describe('pythonTruthy', () => {
  it("follows Python's truthiness", () => {
    expect([0, '', null, undefined, false, [], {}].map(pythonTruthy)).toEqual(Array(7).fill(false))
    expect([1, 0.5, 'x', true, [0], { a: 0 }].map(pythonTruthy)).toEqual(Array(6).fill(true))
    expect(pythonTruthy(new Prediction({ score: 0 }))).toBe(true)
    expect(pythonTruthy(new Prediction({}))).toBe(false)
  })
})

describe('stableHash', () => {
  it('gives the same 32-bit seed for the same value', () => {
    expect(stableHash([{ a: 1 }])).toBe(stableHash([{ a: 1 }]))
    expect(stableHash([{ a: 1 }])).not.toBe(stableHash([{ a: 2 }]))
    expect(stableHash('x')).toBeGreaterThanOrEqual(0)
  })
})
