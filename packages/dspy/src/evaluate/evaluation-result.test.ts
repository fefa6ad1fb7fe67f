import { describe, expect, it } from 'vitest'
import { Example } from '../primitives/example.ts'
import { Prediction } from '../primitives/prediction.ts'
import { EvaluationResult, metricScore } from './evaluation-result.ts'

describe('EvaluationResult', () => {
  it('is a Prediction with score and results, printed as DSPy does', () => {
    const row = [new Example({ q: 1 }), new Prediction({ a: 2 }), true] as const
    const result = new EvaluationResult({ score: 100, results: [[...row]] })
    expect(result).toBeInstanceOf(Prediction)
    expect(result.score).toBe(100)
    expect(result.get('score')).toBe(100)
    expect(result.results[0]![2]).toBe(true)
    expect(String(result)).toBe('EvaluationResult(score=100.0, results=<list of 1 results>)')
    expect(result.copy().score).toBe(100)
  })
})

describe('metricScore', () => {
  it('sums booleans, numbers and Predictions with a score', () => {
    expect(metricScore(true)).toBe(1)
    expect(metricScore(false)).toBe(0)
    expect(metricScore(0.25)).toBe(0.25)
    expect(metricScore(new Prediction({ score: 0.75, feedback: 'ok' }))).toBe(0.75)
  })

  it('refuses anything else with a clear message', () => {
    expect(() => metricScore(null)).toThrow('The metric returned null;')
    expect(() => metricScore('1')).toThrow('The metric returned the string "1";')
    expect(() => metricScore(new Prediction({ feedback: 'x' }))).toThrow(
      'a Prediction without a numeric score',
    )
  })
})
