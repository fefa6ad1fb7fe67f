/**
 * @module python-json
 * JSON text byte for byte as Python's `json.dumps(value, ensure_ascii=False)` writes it
 * (`", "` and `": "` separators, floats in `repr` form: `1.0`, `1e-07`), which is how MLflow
 * stores span content, `traces.json` and token-usage metadata. Integers beyond 2^53 are bigints.
 */

/** A float to write in Python's `repr` form even when its value is integral (`1.0`). */
export class PythonFloat {
  constructor(readonly value: number) {}
}

/**
 * Python's `repr(float)`: the shortest round-tripping digits, exponent form below 1e-4 and from
 * 1e16 on, `.0` on integral values, `NaN` / `Infinity` as `json.dumps` writes them.
 *
 * @example
 * pythonFloatRepr(1) // '1.0'
 * pythonFloatRepr(1e-7) // '1e-07'
 */
export function pythonFloatRepr(value: number): string {
  if (Number.isNaN(value)) return 'NaN'
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity'
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
 * Writes a value as Python's `json.dumps(value, ensure_ascii=False)` would: numbers that are
 * safe integers (and bigints) as integers, other numbers and {@link PythonFloat}s as Python
 * floats, `undefined` object fields skipped.
 *
 * @example
 * pythonJsonText({ a: 1, b: [true, null], c: new PythonFloat(2) }) // '{"a": 1, "b": [true, null], "c": 2.0}'
 */
export function pythonJsonText(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (value instanceof PythonFloat) return pythonFloatRepr(value.value)
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value)
    case 'boolean':
      return value ? 'true' : 'false'
    case 'bigint':
      return value.toString()
    case 'number':
      return Number.isSafeInteger(value) ? String(value) : pythonFloatRepr(value)
    case 'object': {
      if (Array.isArray(value)) return `[${value.map(pythonJsonText).join(', ')}]`
      const parts: string[] = []
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        if (item !== undefined) parts.push(`${JSON.stringify(key)}: ${pythonJsonText(item)}`)
      }
      return `{${parts.join(', ')}}`
    }
    default:
      return JSON.stringify(String(value))
  }
}
