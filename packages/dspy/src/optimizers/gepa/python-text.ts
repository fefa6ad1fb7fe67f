import { Example } from '../../primitives/example.ts'
import { PyFloat, pythonFloatRepr } from '../../python/py-float.ts'
import { pythonStr } from '../../python/py-repr.ts'

/**
 * Python's `str(value)` as GEPA's reflective dataset prints values: strings as they are,
 * Examples and Predictions by their repr, other values as Python literals.
 *
 * @example
 * pythonText(true) // 'True'
 */
export function pythonText(value: unknown): string {
  if (value instanceof Example) return value.toString()
  return pythonStr(value)
}

/**
 * A metric score as Python prints it in `f"…{score}"`: metrics return floats, so numbers print
 * as floats (`1.0`, `0.5`), booleans as `True`/`False`.
 *
 * @example
 * pythonScoreText(1) // '1.0'
 */
export function pythonScoreText(score: unknown): string {
  if (typeof score === 'number') return pythonFloatRepr(score)
  if (score instanceof PyFloat) return pythonFloatRepr(score.value)
  return pythonText(score)
}
