import { describe, expect, it } from 'vitest'
import { pythonRound } from './python-round.ts'

describe('pythonRound', () => {
  it("rounds the exact binary value, ties to even, as Python's round", () => {
    expect(pythonRound(0.125, 2)).toBe(0.12)
    expect(pythonRound(0.375, 2)).toBe(0.38)
    expect(pythonRound(2.5)).toBe(2)
    expect(pythonRound(3.5)).toBe(4)
    expect(pythonRound(81.25, 1)).toBe(81.2)
    expect(pythonRound(66.666666, 2)).toBe(66.67)
    expect(pythonRound((100 * 2) / 3, 1)).toBe(66.7)
    expect(pythonRound(0.285, 2)).toBe(0.28)
    expect(pythonRound(1.005, 2)).toBe(1)
    expect(pythonRound(-0.125, 2)).toBe(-0.12)
    expect(pythonRound(100, 2)).toBe(100)
  })
})
