/**
 * Python's `str` predicates for one character (a code point), as the lenient JSON parser and the
 * literal evaluator need them: `isspace`, `isalpha`, `isalnum`, `isdigit` and the whitespace
 * stripping of `str.strip()`.
 * @module
 */

const pythonSpace =
  /^[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/u
const spaceClass =
  '[\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]+'
const trailingSpace = new RegExp(`${spaceClass}$`, 'u')
const leadingSpace = new RegExp(`^${spaceClass}`, 'u')

/** `char.isspace()`; false for `undefined` (past the end of the text). */
export function isSpace(char: string | undefined): boolean {
  return char !== undefined && pythonSpace.test(char)
}

/** `char.isalpha()`: Unicode letters. */
export function isAlpha(char: string | undefined): boolean {
  return char !== undefined && /^\p{L}$/u.test(char)
}

/** `char.isalnum()`: Unicode letters and numbers. */
export function isAlnum(char: string | undefined): boolean {
  return char !== undefined && /^[\p{L}\p{N}]$/u.test(char)
}

/** `char.isdigit()`: decimal digits and the superscript and subscript digits. */
export function isDigit(char: string | undefined): boolean {
  return (
    char !== undefined && /^[\p{Nd}\u00b2\u00b3\u00b9\u2070\u2074-\u2079\u2080-\u2089]$/u.test(char)
  )
}

/** `text.rstrip()` with Python's whitespace set. */
export function pythonRstrip(text: string): string {
  return text.replace(trailingSpace, '')
}

/** `text.lstrip()` with Python's whitespace set. */
export function pythonLstrip(text: string): string {
  return text.replace(leadingSpace, '')
}
