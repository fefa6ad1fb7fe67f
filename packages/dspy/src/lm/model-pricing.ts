import type { ProviderKind } from './provider-registry.ts'

/** USD per million tokens, [input, output], for well-known models (dated snapshots match too). */
const pricesPerMillionTokens: Record<string, readonly [number, number]> = {
  'gpt-4o': [2.5, 10],
  'gpt-4o-mini': [0.15, 0.6],
  'gpt-4.1': [2, 8],
  'gpt-4.1-mini': [0.4, 1.6],
  'gpt-4.1-nano': [0.1, 0.4],
  'gpt-4-turbo': [10, 30],
  'gpt-3.5-turbo': [0.5, 1.5],
  o1: [15, 60],
  o3: [2, 8],
  'o3-mini': [1.1, 4.4],
  'o4-mini': [1.1, 4.4],
  'gpt-5': [1.25, 10],
  'gpt-5-mini': [0.25, 2],
  'gpt-5-nano': [0.05, 0.4],
  'claude-3-5-haiku': [0.8, 4],
  'claude-3-5-sonnet': [3, 15],
  'claude-3-7-sonnet': [3, 15],
  'claude-sonnet-4': [3, 15],
  'claude-opus-4': [15, 75],
  'claude-opus-4-1': [15, 75],
  'claude-haiku-4-5': [1, 5],
  'claude-sonnet-4-5': [3, 15],
  'claude-opus-4-5': [5, 25],
}

/**
 * The cost in USD of a call to an OpenAI or Anthropic model from its token usage, or undefined
 * when the model is not in the small built-in price table.
 *
 * @example
 * computeCost('openai', 'gpt-4o-mini', { prompt_tokens: 1000, completion_tokens: 100 }) // 0.00021
 */
export function computeCost(
  kind: ProviderKind,
  modelId: string,
  usage: Record<string, unknown>,
): number | undefined {
  if (kind === 'openai-compatible') return undefined
  const family = modelId.replace(/-(\d{4}-\d{2}-\d{2}|\d{8}|latest)$/, '')
  const prices = pricesPerMillionTokens[family]
  const input = usage.prompt_tokens
  const output = usage.completion_tokens
  if (!prices || typeof input !== 'number' || typeof output !== 'number') return undefined
  return (input * prices[0] + output * prices[1]) / 1_000_000
}
