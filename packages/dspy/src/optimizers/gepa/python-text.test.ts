import { describe, expect, it } from 'vitest'
import { Example } from '../../primitives/example.ts'
import { Prediction } from '../../primitives/prediction.ts'
import { PyFloat } from '../../python/py-float.ts'
import { pythonScoreText, pythonText } from './python-text.ts'

describe('Python str() of reflective values', () => {
  it('prints values as Python str() does', () => {
    expect(pythonText('text')).toBe('text')
    expect(pythonText(true)).toBe('True')
    expect(pythonText(null)).toBe('None')
    expect(pythonText(['a', 1])).toBe("['a', 1]")
    expect(pythonText(new Prediction({ answer: '4' }))).toBe("Prediction(\n    answer='4'\n)")
    expect(pythonText(new Example({ a: 1 }))).toBe("Example({'a': 1}) (input_keys=None)")
  })

  it('prints scores as floats', () => {
    expect(pythonScoreText(1)).toBe('1.0')
    expect(pythonScoreText(0.5)).toBe('0.5')
    expect(pythonScoreText(new PyFloat(2))).toBe('2.0')
    expect(pythonScoreText(false)).toBe('False')
  })
})
