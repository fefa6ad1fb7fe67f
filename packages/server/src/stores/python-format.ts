/**
 * Formats a string the way Python's `repr()` does, so error messages read like MLflow's:
 * single quotes unless the text holds a single quote and no double quote.
 *
 * @example
 * pythonRepr("a = 'x'") // "\"a = 'x'\""
 */
export function pythonRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'"
  let body = ''
  for (const char of text) {
    if (char === '\\') body += '\\\\'
    else if (char === quote) body += `\\${quote}`
    else if (char === '\n') body += '\\n'
    else if (char === '\r') body += '\\r'
    else if (char === '\t') body += '\\t'
    else body += char
  }
  return `${quote}${body}${quote}`
}

/**
 * Formats a list of strings like a Python set or list literal, e.g. `{'=', '!='}`.
 *
 * @example
 * pythonCollection(['=', '!='], '{}') // "{'=', '!='}"
 */
export function pythonCollection(items: readonly string[], brackets: '{}' | '[]' | '()'): string {
  return `${brackets[0]}${items.map(pythonRepr).join(', ')}${brackets[1]}`
}

/**
 * Formats a value like Python's `json.dumps` with its defaults (non-ASCII escaped as `\uXXXX`),
 * which MLflow uses to quote offending values in its messages.
 *
 * @example
 * pythonJsonDumps('é') // '"\\u00e9"'
 */
export function pythonJsonDumps(value: unknown): string {
  if (value === undefined) return 'null'
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity'
  }
  const text = JSON.stringify(value) ?? 'null'
  return text.replace(
    /[\u007f-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}
