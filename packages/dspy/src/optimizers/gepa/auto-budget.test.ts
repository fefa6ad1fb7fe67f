import { describe, expect, it } from 'vitest'
import { autoBudget, autoRunSettings } from './auto-budget.ts'

describe('autoBudget', () => {
  it("equals DSPy 3.3.1's GEPA.auto_budget", () => {
    // (P, V, auto) → GEPA(...).auto_budget(num_preds=P, num_candidates=n, valset_size=V) in Python.
    const cases: [number, number, keyof typeof autoRunSettings, number][] = [
      [1, 10, 'light', 420],
      [1, 50, 'medium', 940],
      [2, 20, 'heavy', 1405],
      [3, 100, 'light', 1915],
      [5, 7, 'medium', 2657],
      [1, 1, 'heavy', 1042],
      [4, 0, 'light', 1465],
    ]
    for (const [numPredictors, valsetSize, level, expected] of cases) {
      const numCandidates = autoRunSettings[level].n
      expect(autoBudget({ numPredictors, numCandidates, valsetSize })).toBe(expected)
    }
  })

  it('validates its arguments', () => {
    expect(() => autoBudget({ numPredictors: 1, numCandidates: 6, valsetSize: -1 })).toThrow(
      'must be >= 0',
    )
    expect(() =>
      autoBudget({ numPredictors: 1, numCandidates: 6, valsetSize: 1, fullEvalSteps: 0 }),
    ).toThrow('full_eval_steps must be >= 1.')
  })
})
