/**
 * @module lm
 * DSPy's `dspy.LM` over the Vercel AI SDK, its response cache and provider registry.
 *
 * @example
 * import { LM, configureCache } from '@dspyflow/dspy'
 * configureCache({ enableDiskCache: false })
 * const lm = new LM('openai/gpt-4o-mini', { temperature: 0 })
 */
export { LM, type LmOptions } from './lm.ts'
export type { LmStreamChunk, LmStreamSink } from './lm-stream.ts'
export { computeCost } from './model-pricing.ts'
export {
  isOpenAiReasoningModel,
  type ProviderDefinition,
  type ProviderKind,
  parseModelName,
  registerProvider,
} from './provider-registry.ts'
export {
  type CacheOptions,
  cacheKey,
  configureCache,
  getCache,
  RequestCache,
} from './request-cache.ts'
