import { afterEach, describe, expect, it, vi } from 'vitest'
import { Example } from '../primitives/example.ts'
import { Prediction } from '../primitives/prediction.ts'
import { answerExactMatch, answerPassageMatch, emScore, f1Score, normalizeText } from './metrics.ts'

afterEach(() => vi.restoreAllMocks())

// Expected values are DSPy 3.3.1's (dspy/evaluate/metrics.py).
describe('normalizeText', () => {
  it('lower-cases, drops ASCII punctuation and articles, collapses whitespace', () => {
    expect(normalizeText('The,  Eiffel  Tower!')).toBe('eiffel tower')
    expect(normalizeText('an apple a day; THE end')).toBe('apple day end')
    expect(normalizeText('  The Ünïcode—café, a test!  ')).toBe(
      'ünïcode—café test'.normalize('NFD'),
    )
  })

  it("uses Python's Unicode word boundaries around articles", () => {
    // After NFD, a combining mark is not a word character: the «a» after it is a word of its own.
    expect(normalizeText('éa b²a')).toBe('é b²a'.normalize('NFD'))
    expect(normalizeText('theatre a-the')).toBe('theatre athe')
  })
})

describe('f1Score and emScore', () => {
  it('computes token F1 after normalization', () => {
    expect(f1Score('Eiffel Tower is in Paris', 'Paris')).toBe(0.33333333333333337)
    expect(f1Score('the cat sat', 'cat sat down')).toBe(0.8)
    expect(f1Score('the Eiffel Tower', 'Eiffel Tower')).toBe(1)
    expect(f1Score('a b', 'c')).toBe(0)
  })

  it("prints DSPy's note and scores 0 when both sides are empty", () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined)
    expect(f1Score('the', '')).toBe(0)
    expect(log).toHaveBeenCalledWith(expect.stringContaining('Rare edge case'))
  })

  it('compares normalized strings for exact match', () => {
    expect(emScore('Paris', 'paris')).toBe(true)
    expect(emScore('paris', 'Paris, France')).toBe(false)
  })
})

describe('answerExactMatch', () => {
  const example = new Example({ answer: ['Eiffel Tower', 'Louvre'] })

  it('matches any reference, or reaches frac in F1', () => {
    expect(answerExactMatch(example, new Prediction({ answer: 'The Eiffel Tower' }))).toBe(true)
    expect(answerExactMatch(example, new Prediction({ answer: 'Tower' }))).toBe(false)
    expect(
      answerExactMatch(example, new Prediction({ answer: 'Tower' }), undefined, { frac: 0.5 }),
    ).toBe(true)
    expect(
      answerExactMatch(new Example({ answer: 'Louvre' }), new Prediction({ answer: 'louvre.' })),
    ).toBe(true)
  })

  it('rejects answers that are neither strings nor lists', () => {
    expect(() =>
      answerExactMatch(new Example({ answer: 3 }), new Prediction({ answer: '3' })),
    ).toThrow('Invalid answer type: number')
  })
})

describe('answerPassageMatch', () => {
  it('looks for the answer tokens in the passages', () => {
    const example = new Example({ answer: 'Eiffel Tower' })
    const match = (context: string[]) => answerPassageMatch(example, new Prediction({ context }))
    expect(match(['The Eiffel Tower is in Paris.'])).toBe(true)
    expect(match(['Nothing here', 'the eiffel tower!'])).toBe(true)
    expect(match(['The Eiffel-Tower is in Paris.'])).toBe(false)
    expect(match(['Eiffel Towers'])).toBe(false)
  })
})
