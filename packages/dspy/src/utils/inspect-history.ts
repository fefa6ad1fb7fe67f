import type { LmHistoryEntry } from '../lm/lm-types.ts'

/** Options of {@link formatHistory}. */
export interface FormatHistoryOptions {
  /** How many of the latest entries to show (default 1). */
  n?: number
  /** ANSI colours (default: false). */
  color?: boolean
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content
  if (Array.isArray(content)) {
    return content
      .map((part) =>
        part && typeof part === 'object' && 'text' in part
          ? String(part.text)
          : '<non-text content>',
      )
      .join('\n')
  }
  return String(content)
}

/**
 * Renders the last `n` LM calls as DSPy's `inspect_history` does: the timestamp, each message
 * under "System message:" / "User message:" / "Assistant message:", then "Response:".
 *
 * @example
 * console.log(formatHistory(lm.history, { n: 1 }))
 */
export function formatHistory(
  history: readonly LmHistoryEntry[],
  options: FormatHistoryOptions = {},
): string {
  const paint = (code: string, text: string) =>
    options.color ? `\u001b[${code}m${text}\u001b[0m` : text
  const lines: string[] = []
  for (const entry of history.slice(-(options.n ?? 1))) {
    lines.push(paint('34', `[${entry.timestamp}]`), '')
    for (const message of entry.messages ?? [{ role: 'user', content: entry.prompt ?? '' }]) {
      const role = message.role.charAt(0).toUpperCase() + message.role.slice(1)
      lines.push(paint('31', `${role} message:`), '', contentText(message.content).trim(), '')
    }
    lines.push(paint('31', 'Response:'), '')
    const first = entry.outputs[0]
    lines.push(
      paint('32', typeof first === 'string' ? first.trim() : String(first?.text ?? '').trim()),
    )
    if (entry.outputs.length > 1)
      lines.push(paint('31', `\t (and ${entry.outputs.length - 1} other completions)`))
    lines.push('', '')
  }
  return lines.join('\n')
}
