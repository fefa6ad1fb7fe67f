/**
 * `repairJsonLoads`: a lenient JSON parser with the observable behaviour of Python's
 * `json_repair.loads` (the version DSPy 3.3.1 installs), which DSPy uses to read values out of
 * LM answers. Our own implementation; the schema, strict and streaming options of
 * `json_repair` are not reproduced, nor a few rare heuristics (rows appended after an array
 * value, `„low quotes“`, regex character classes and balanced containers inside unquoted
 * values).
 * @module
 */
import { PyFloat } from '../python/py-float.ts'
import { isRecord } from './json-repair-cursor.ts'
import { RepairParser } from './json-repair-parser.ts'
import { loadsPythonJson } from './python-json-decode.ts'

/** Python's truth value of a parsed value. */
function truthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false) return false
  if (value instanceof PyFloat) return value.value !== 0
  if (typeof value === 'number') return value !== 0
  if (typeof value === 'string' || Array.isArray(value)) return value.length > 0
  if (isRecord(value)) return Object.keys(value).length > 0
  return true
}

function pythonTypeOf(value: unknown): string {
  if (value instanceof PyFloat) return 'float'
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float'
  if (Array.isArray(value)) return 'list'
  if (value === null) return 'none'
  return typeof value
}

/** Same type and, for containers, the same keys or length all the way down. */
function sameShape(first: unknown, second: unknown): boolean {
  if (pythonTypeOf(first) !== pythonTypeOf(second)) return false
  if (Array.isArray(first) && Array.isArray(second)) {
    return (
      first.length === second.length && first.every((item, index) => sameShape(item, second[index]))
    )
  }
  if (isRecord(first) && isRecord(second)) {
    const keys = Object.keys(first)
    if (keys.length !== Object.keys(second).length) return false
    return keys.every((key) => Object.hasOwn(second, key) && sameShape(first[key], second[key]))
  }
  return true
}

/**
 * Python's `json_repair.loads(text)`: valid JSON is decoded as Python's `json.loads` would;
 * anything else is repaired (fences and prose around the value, single quotes, Python literals,
 * trailing commas, missing brackets, braces and quotes, unquoted keys, comments). Several
 * top-level values become an array. Returns `''` when nothing JSON-like is found. Numbers
 * written as floats with an integral value come back as {@link PyFloat}.
 *
 * @example
 * repairJsonLoads("```json\n{'a': [1, 2.0, True,]}\n```") // { a: [1, new PyFloat(2), true] }
 * repairJsonLoads('no json here') // ''
 */
export function repairJsonLoads(text: string): unknown {
  const chars = Array.from(text)
  try {
    return loadsPythonJson(chars)
  } catch {
    // not valid JSON: repair it
  }
  const parser = new RepairParser(chars)
  const first = parser.parseJson()
  if (parser.index >= parser.chars.length) return first
  const values = [first]
  while (parser.index < parser.chars.length) {
    parser.contexts = []
    parser.deferredContexts = []
    const commaSeparated = parser.nextTopLevelValueIsCommaSeparated()
    const value = parser.parseJson()
    if (!truthy(value)) {
      parser.index += 1
      continue
    }
    const previous = values[values.length - 1]
    if (!commaSeparated && sameShape(previous, value)) values.pop()
    else if (!truthy(previous)) values.pop()
    values.push(value)
  }
  return values.length === 1 ? values[0] : values
}
