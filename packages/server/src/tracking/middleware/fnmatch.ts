/**
 * @module fnmatch
 * Python's `fnmatch` patterns, which MLflow uses for `--allowed-hosts` and
 * `--cors-allowed-origins`: `*` any run of characters, `?` one character, `[seq]` / `[!seq]` one
 * character in / not in the set. Matching is case-insensitive (host names and origins are).
 */

const cache = new Map<string, RegExp>()

/**
 * Whether `text` matches the shell-style `pattern`.
 *
 * @example
 * fnmatch('192.168.1.7:5000', '192.168.*') // true
 * fnmatch('[::1]:5000', '[[]::1]:*') // true
 */
export function fnmatch(text: string, pattern: string): boolean {
  let regex = cache.get(pattern)
  if (regex === undefined) {
    regex = new RegExp(`^${translate(pattern)}$`, 'is')
    if (cache.size < 1000) cache.set(pattern, regex)
  }
  return regex.test(text)
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&')
}

/** Python's `fnmatch.translate`, without the flags wrapper. */
function translate(pattern: string): string {
  let result = ''
  let index = 0
  while (index < pattern.length) {
    const char = pattern[index] as string
    index += 1
    if (char === '*') result += '.*'
    else if (char === '?') result += '.'
    else if (char === '[') {
      let end = index
      if (pattern[end] === '!') end += 1
      if (pattern[end] === ']') end += 1
      while (end < pattern.length && pattern[end] !== ']') end += 1
      if (end >= pattern.length) {
        result += '\\['
        continue
      }
      let set = pattern.slice(index, end)
      index = end + 1
      const negated = set.startsWith('!')
      if (negated) set = set.slice(1)
      result += `[${negated ? '^' : ''}${set.replace(/\\/g, '\\\\').replace(/\^/g, '\\^')}]`
    } else result += escapeRegExp(char)
  }
  return result
}
