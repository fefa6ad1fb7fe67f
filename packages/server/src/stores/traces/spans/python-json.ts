/**
 * @module python-json
 * JSON text byte for byte as Python's `json.dumps(value, ensure_ascii=False)` writes it
 * (`", "` and `": "` separators, floats in `repr` form: `1.0`, `1e-07`), which is how MLflow
 * stores span content, `traces.json` and token-usage metadata. Integers beyond 2^53 are bigints.
 */
import { pythonJsonFloat } from '../../../python/python-float.ts'

/** A float to write in Python's `repr` form even when its value is integral (`1.0`). */
export class PythonFloat {
  constructor(readonly value: number) {}
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
  if (value instanceof PythonFloat) return pythonJsonFloat(value.value)
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value)
    case 'boolean':
      return value ? 'true' : 'false'
    case 'bigint':
      return value.toString()
    case 'number':
      return Number.isSafeInteger(value) ? String(value) : pythonJsonFloat(value)
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
