/**
 * @module validate-batch
 * `logBatch` request limits, with MLflow's messages.
 */
import { pythonCollection } from '../python-format.ts'
import { StoreError } from '../store-error.ts'
import {
  MAX_ENTITIES_PER_BATCH,
  MAX_METRICS_PER_BATCH,
  MAX_PARAMS_TAGS_PER_BATCH,
} from './limits.ts'

function checkLimit(what: string, limit: number, length: number): void {
  if (length <= limit) return
  throw StoreError.invalidParameter(
    `A batch logging request can contain at most ${limit} ${what}. Got ${length} ${what}. ` +
      `Please split up ${what} across multiple requests and try again.`,
  )
}

/**
 * ≤ 1000 metrics, ≤ 100 params, ≤ 100 tags, ≤ 1000 in all.
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE`.
 * @example
 * validateBatchLimits({ metrics: 10, params: 2, tags: 1 })
 */
export function validateBatchLimits(counts: {
  metrics: number
  params: number
  tags: number
}): void {
  checkLimit('metrics', MAX_METRICS_PER_BATCH, counts.metrics)
  checkLimit('params', MAX_PARAMS_TAGS_PER_BATCH, counts.params)
  checkLimit('tags', MAX_PARAMS_TAGS_PER_BATCH, counts.tags)
  checkLimit(
    'metrics, params, and tags',
    MAX_ENTITIES_PER_BATCH,
    counts.metrics + counts.params + counts.tags,
  )
}

/**
 * One value per param key in a batch.
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE` listing the repeated keys.
 * @example
 * validateParamKeysUnique([{ key: 'a' }, { key: 'b' }])
 */
export function validateParamKeysUnique(params: readonly { key: string }[]): void {
  const seen = new Set<string>()
  const duplicates: string[] = []
  for (const { key } of params) {
    if (seen.has(key)) duplicates.push(key)
    seen.add(key)
  }
  if (duplicates.length > 0) {
    throw StoreError.invalidParameter(
      `Duplicate parameter keys have been submitted: ${pythonCollection(duplicates, '[]')}. ` +
        'Please ensure the request contains only one param value per param key.',
    )
  }
}
