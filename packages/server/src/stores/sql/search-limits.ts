/**
 * @module search-limits
 * `max_results` checks shared by the searches, with MLflow's messages.
 */
import { StoreError } from '../store-error.ts'
import { SEARCH_MAX_RESULTS_DEFAULT, SEARCH_MAX_RESULTS_THRESHOLD } from '../validation/limits.ts'

/**
 * Resolves and checks a page size: default 1000, 1..50000.
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE`.
 * @example
 * resolveMaxResults(undefined) // 1000
 */
export function resolveMaxResults(maxResults: number | undefined): number {
  if (maxResults === undefined || maxResults === null) return SEARCH_MAX_RESULTS_DEFAULT
  if (!Number.isInteger(maxResults) || maxResults < 1) {
    throw StoreError.invalidParameter(
      `Invalid value ${maxResults} for parameter 'max_results' supplied. It must be a positive integer`,
    )
  }
  if (maxResults > SEARCH_MAX_RESULTS_THRESHOLD) {
    throw StoreError.invalidParameter(
      `Invalid value ${maxResults} for parameter 'max_results' supplied. It must be at most ` +
        `${SEARCH_MAX_RESULTS_THRESHOLD}`,
    )
  }
  return maxResults
}
