/**
 * @module token-usage
 * A trace's token usage from its spans' `mlflow.chat.tokenUsage` attributes, summed over the span
 * tree without counting a span whose ancestor already carries usage (frameworks that put
 * cumulative usage on parent spans would otherwise be counted twice), as MLflow does.
 */

/** The usage-relevant part of one span. */
export interface UsageNode {
  spanId: string
  parentSpanId: string | undefined
  /** The attribute's JSON text, if the span has one. */
  usage: string | undefined
}

const REQUIRED = ['input_tokens', 'output_tokens', 'total_tokens'] as const
const OPTIONAL = [
  'cache_read_input_tokens',
  'cache_creation_input_tokens',
  'cache_creation_input_tokens_above_1hr',
] as const

function usageObject(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined || text === '') return undefined
  try {
    let value = JSON.parse(text) as unknown
    if (typeof value === 'string') value = JSON.parse(value) as unknown
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

/**
 * The summed usage, or `undefined` when no span has any.
 *
 * @example
 * aggregateTokenUsage([{ spanId: 'a', parentSpanId: undefined, usage: '{"input_tokens": 3, "output_tokens": 4, "total_tokens": 7}' }])
 * // { input_tokens: 3, output_tokens: 4, total_tokens: 7 }
 */
export function aggregateTokenUsage(
  nodes: readonly UsageNode[],
): Record<string, number> | undefined {
  const ids = new Set(nodes.map((node) => node.spanId))
  const children = new Map<string, UsageNode[]>()
  const roots: UsageNode[] = []
  for (const node of nodes) {
    if (node.parentSpanId !== undefined && ids.has(node.parentSpanId)) {
      const list = children.get(node.parentSpanId) ?? []
      list.push(node)
      children.set(node.parentSpanId, list)
    } else {
      roots.push(node)
    }
  }
  const totals: Record<string, number> = { input_tokens: 0, output_tokens: 0, total_tokens: 0 }
  let found = false
  const stack: [UsageNode, boolean][] = roots.map((root) => [root, false])
  while (stack.length > 0) {
    const [node, ancestorHasData] = stack.pop() as [UsageNode, boolean]
    const data = usageObject(node.usage)
    if (data !== undefined && !ancestorHasData) {
      for (const key of REQUIRED) totals[key] = (totals[key] ?? 0) + numeric(data[key])
      for (const key of OPTIONAL) {
        if (key in data) totals[key] = (totals[key] ?? 0) + numeric(data[key])
      }
      found = true
    }
    for (const child of children.get(node.spanId) ?? []) {
      stack.push([child, ancestorHasData || data !== undefined])
    }
  }
  return found ? totals : undefined
}

function numeric(value: unknown): number {
  const number = Number(value ?? 0)
  return Number.isFinite(number) ? number : 0
}
