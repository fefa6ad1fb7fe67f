/** Python's `str.capitalize()`: first character upper-cased, the rest lower-cased. */
function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase()
}

/** Python's `str.isupper()`: has cased characters and none of them is lower-case. */
function isUpper(word: string): boolean {
  return /\p{Lu}/u.test(word) && !/\p{Ll}/u.test(word)
}

/**
 * The prefix DSPy infers from a field name (`infer_prefix`): `question` → `Question`,
 * `camelCaseText` → `Camel Case Text`, `text2number` → `Text 2 Number`, `HTMLParser` → `HTML Parser`.
 */
export function inferPrefix(name: string): string {
  const snake = name
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([a-zA-Z])(\d)/g, '$1_$2')
    .replace(/(\d)([a-zA-Z])/g, '$1_$2')
  return snake
    .split('_')
    .map((word) => (isUpper(word) ? word : capitalize(word)))
    .join(' ')
}
