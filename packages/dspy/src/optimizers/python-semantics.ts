import { Example } from '../primitives/example.ts'

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false
  const prototype = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

/**
 * Python's `==` on JSON-like values: dicts compare regardless of key order, `True == 1`.
 *
 * @example
 * pythonEquals({ a: 1, b: 2 }, { b: 2, a: 1 }) // true
 */
export function pythonEquals(left: unknown, right: unknown): boolean {
  if (left === right) return true
  const scalar = (value: unknown) => typeof value === 'number' || typeof value === 'boolean'
  if (scalar(left) && scalar(right)) return Number(left) === Number(right)
  if (left instanceof Example || right instanceof Example) {
    return left instanceof Example && right instanceof Example
      ? pythonEquals(left.toDict(), right.toDict())
      : false
  }
  if (Array.isArray(left) && Array.isArray(right)) {
    return left.length === right.length && left.every((item, i) => pythonEquals(item, right[i]))
  }
  if (isPlainObject(left) && isPlainObject(right)) {
    const keys = Object.keys(left)
    if (keys.length !== Object.keys(right).length) return false
    return keys.every((key) => key in right && pythonEquals(left[key], right[key]))
  }
  return false
}

/**
 * DSPy's Example equality: both are Examples with equal fields (in any order).
 *
 * @example
 * examplesEqual(new Example({ q: 'x' }), new Example({ q: 'x' }).withInputs('q')) // true
 */
export function examplesEqual(left: unknown, right: unknown): boolean {
  return left instanceof Example && right instanceof Example && pythonEquals(left, right)
}

/**
 * Python's truthiness: `0`, `''`, empty lists and dicts, `None` and `False` are false; an Example
 * or a Prediction is true when it has fields (it has a length, and no `__bool__`).
 *
 * @example
 * pythonTruthy(0) // false
 * pythonTruthy(new Prediction({ score: 0 })) // true
 */
export function pythonTruthy(value: unknown): boolean {
  if (value instanceof Example) return value.length > 0
  if (Array.isArray(value)) return value.length > 0
  if (value instanceof Map || value instanceof Set) return value.size > 0
  if (isPlainObject(value)) return Object.keys(value).length > 0
  return Boolean(value)
}

/**
 * A 32-bit FNV-1a hash of a value's JSON: a stable seed where DSPy hashes pickled objects.
 *
 * @example
 * new PythonRandom(stableHash(demos.map((demo) => demo.toDict())))
 */
export function stableHash(value: unknown): number {
  const text = JSON.stringify(value) ?? ''
  let hash = 0x811c9dc5
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash
}
