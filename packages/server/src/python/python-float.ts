/**
 * @module python-float
 * Floats written the way Python writes them: `repr(float)` (`1.0`, `1e-05`, `1e+16`, `nan`,
 * `inf`) and `json.dumps(float)` (the same digits, but `NaN` / `Infinity`). MLflow stores span
 * attributes, span content, token usage and assessment values as Python JSON text, so the server
 * writes the same bytes.
 */

/**
 * Python's `repr()` of a float: the shortest round-tripping digits, exponent form below 1e-4 and
 * from 1e16 on, `.0` on integral values.
 *
 * @example
 * pythonFloatRepr(1) // '1.0'
 * pythonFloatRepr(1e-5) // '1e-05'
 * pythonFloatRepr(1e16) // '1e+16'
 * pythonFloatRepr(Number.NaN) // 'nan'
 */
export function pythonFloatRepr(value: number): string {
  if (Number.isNaN(value)) return 'nan'
  if (value === Number.POSITIVE_INFINITY) return 'inf'
  if (value === Number.NEGATIVE_INFINITY) return '-inf'
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0'
  const [mantissa = '', exponentText = '0'] = value.toExponential().split('e')
  const exponent = Number(exponentText)
  if (exponent < -4 || exponent >= 16) {
    const sign = exponent < 0 ? '-' : '+'
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`
  }
  const text = String(value)
  return Number.isInteger(value) ? `${text}.0` : text
}

/**
 * Python's `json.dumps()` of a float: {@link pythonFloatRepr}, with `NaN`, `Infinity` and
 * `-Infinity` for the non-finite values.
 *
 * @example
 * pythonJsonFloat(2) // '2.0'
 * pythonJsonFloat(Number.POSITIVE_INFINITY) // 'Infinity'
 */
export function pythonJsonFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN'
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity'
  return pythonFloatRepr(value)
}
