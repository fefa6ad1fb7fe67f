/**
 * A number that Python would hold as a `float`. JavaScript has one number type, so values whose
 * declared type is `float` are wrapped in a PyFloat before they are printed: Python prints
 * `2.0` where JavaScript prints `2`.
 */
export class PyFloat {
  constructor(readonly value: number) {}
  valueOf(): number {
    return this.value
  }
  toJSON(): number {
    return this.value
  }
}

/** Python's `repr(float)`: shortest round-trip digits, `1e-05`, `1e+16`, `2.0`, `nan`, `inf`. */
export function pythonFloatRepr(value: number): string {
  if (Number.isNaN(value)) return 'nan'
  if (value === Number.POSITIVE_INFINITY) return 'inf'
  if (value === Number.NEGATIVE_INFINITY) return '-inf'
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0'
  const [mantissa, exponentText] = value.toExponential().split('e') as [string, string]
  const exponent = Number(exponentText)
  const negative = mantissa.startsWith('-')
  const digits = mantissa.replace('-', '').replace('.', '')
  const sign = negative ? '-' : ''
  if (exponent >= -4 && exponent < 16) {
    if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`
    const integerPart = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0')
    const fraction = digits.slice(exponent + 1)
    return `${sign}${integerPart}.${fraction === '' ? '0' : fraction}`
  }
  const head = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits
  const exponentSign = exponent < 0 ? '-' : '+'
  return `${sign}${head}e${exponentSign}${String(Math.abs(exponent)).padStart(2, '0')}`
}

/** Python's `repr(int)` / `repr(float)` for a JavaScript number: integral values print as ints. */
export function pythonNumberRepr(value: number): string {
  if (Number.isInteger(value) && !Object.is(value, -0)) {
    return Math.abs(value) < 1e21 ? BigInt(value).toString() : pythonFloatRepr(value)
  }
  return pythonFloatRepr(value)
}
