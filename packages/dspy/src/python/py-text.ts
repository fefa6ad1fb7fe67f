/** Python's `str.splitlines()`: splits on every line boundary Python knows, drops the breaks. */
export function pythonSplitlines(text: string): string[] {
  const lines = text.split(/\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/)
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop()
  return lines
}

/** Python's `textwrap.dedent`: removes the whitespace prefix common to all non-blank lines. */
export function pythonDedent(text: string): string {
  const lines = text.split('\n')
  let margin: string | undefined
  for (const line of lines) {
    if (line.trim() === '') continue
    const indent = /^[ \t]*/.exec(line)![0]
    if (margin === undefined) margin = indent
    else {
      let index = 0
      while (index < margin.length && index < indent.length && margin[index] === indent[index])
        index += 1
      margin = margin.slice(0, index)
    }
  }
  return lines
    .map((line) =>
      line.trim() === '' ? line.replace(/^[ \t]+$/, '') : line.slice(margin?.length ?? 0),
    )
    .join('\n')
}

/** Python's `inspect.cleandoc`: the docstring cleaning DSPy applies to signature instructions. */
export function pythonCleandoc(text: string): string {
  const lines = pythonExpandTabs(text).split('\n')
  let margin = Number.POSITIVE_INFINITY
  for (const line of lines.slice(1)) {
    const content = line.trimStart()
    if (content.length > 0) margin = Math.min(margin, line.length - content.length)
  }
  const cleaned = [lines[0]!.trimStart()]
  for (const line of lines.slice(1))
    cleaned.push(Number.isFinite(margin) ? line.slice(margin) : line)
  while (cleaned.length > 0 && cleaned[0] === '') cleaned.shift()
  while (cleaned.length > 0 && cleaned[cleaned.length - 1] === '') cleaned.pop()
  return cleaned.join('\n')
}

/** Python's `str.strip()` with no argument (Unicode whitespace). */
export function pythonStrip(text: string): string {
  return text.replace(/^[\s\x1c-\x1f\x85]+|[\s\x1c-\x1f\x85]+$/gu, '')
}

/** Python's `str.expandtabs(8)`: tabs to the next multiple-of-8 column, columns reset at line breaks. */
export function pythonExpandTabs(text: string, tabSize = 8): string {
  let column = 0
  let result = ''
  for (const character of text) {
    if (character === '\t') {
      const spaces = tabSize - (column % tabSize)
      result += ' '.repeat(spaces)
      column += spaces
    } else {
      result += character
      column = character === '\n' || character === '\r' ? 0 : column + 1
    }
  }
  return result
}
