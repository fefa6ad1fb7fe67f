/** Adds numbers key by key, recursing into nested records. */
function mergeUsage(
  total: Record<string, unknown>,
  usage: Record<string, unknown>,
): Record<string, unknown> {
  const result: Record<string, unknown> = { ...total }
  for (const [key, value] of Object.entries(usage)) {
    const previous = result[key]
    if (typeof value === 'number')
      result[key] = (typeof previous === 'number' ? previous : 0) + value
    else if (value && typeof value === 'object' && !Array.isArray(value)) {
      result[key] = mergeUsage(
        (previous as Record<string, unknown>) ?? {},
        value as Record<string, unknown>,
      )
    } else if (previous === undefined) result[key] = value
  }
  return result
}

/** Sums token usage per model, as DSPy's `UsageTracker` (used by `trackUsage`). */
export class UsageTracker {
  private readonly totals = new Map<string, Record<string, unknown>>()

  addUsage(model: string, usage: Record<string, unknown>): void {
    if (!usage || Object.keys(usage).length === 0) return
    this.totals.set(model, mergeUsage(this.totals.get(model) ?? {}, usage))
  }

  /** `{ "openai/gpt-4o-mini": { prompt_tokens, completion_tokens, total_tokens } }`. */
  getTotalTokens(): Record<string, Record<string, unknown>> {
    return Object.fromEntries(this.totals)
  }
}
