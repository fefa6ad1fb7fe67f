import { PyFloat, pythonFloatRepr, pythonNumberRepr } from './py-float.ts'

/** Python's `repr()` of a string: single quotes unless the text holds `'` and no `"`. */
export function pythonStringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'"
  let body = ''
  for (const character of text) {
    const code = character.codePointAt(0)!
    if (character === '\\') body += '\\\\'
    else if (character === quote) body += `\\${quote}`
    else if (character === '\n') body += '\\n'
    else if (character === '\r') body += '\\r'
    else if (character === '\t') body += '\\t'
    else if (code < 0x20 || code === 0x7f) body += `\\x${code.toString(16).padStart(2, '0')}`
    else body += character
  }
  return `${quote}${body}${quote}`
}

/** Python's `repr()` of a JSON-like value: dicts, lists, `True`, `None`, quoted strings. */
export function pythonRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None'
  if (value instanceof PyFloat) return pythonFloatRepr(value.value)
  if (typeof value === 'boolean') return value ? 'True' : 'False'
  if (typeof value === 'number') return pythonNumberRepr(value)
  if (typeof value === 'string') return pythonStringRepr(value)
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`
  if (value instanceof Set) {
    return value.size === 0 ? 'set()' : `{${[...value].map(pythonRepr).join(', ')}}`
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value).map(
      ([key, entry]) => `${pythonStringRepr(key)}: ${pythonRepr(entry)}`,
    )
    return `{${entries.join(', ')}}`
  }
  return String(value)
}

/** Python's `str()` of a scalar: `True`, `None`, `2.0` for floats, strings unquoted. */
export function pythonStr(value: unknown): string {
  if (typeof value === 'string') return value
  return pythonRepr(value)
}
