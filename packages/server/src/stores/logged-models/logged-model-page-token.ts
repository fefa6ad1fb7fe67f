/**
 * @module logged-model-page-token
 * The page token of a logged-model search, byte for byte as MLflow writes it: base64 of
 * `json.dumps({"experiment_ids", "filter_string", "order_by", "offset"})`. A token only works
 * with the search that made it: experiment ids, filter and order_by must be the same.
 */
import type { SearchLoggedModelsOrderBy } from '@dspyflow/mlflow/protocol'
import { pythonRepr } from '../python-format.ts'
import { StoreError } from '../store-error.ts'

/** An `order_by` entry as the token holds it (MLflow's handler fills every key). */
interface TokenOrderBy {
  field_name: string
  ascending: boolean
  dataset_name: string | null
  dataset_digest: string | null
}

/** What a logged-model page token says. */
export interface LoggedModelPageToken {
  experimentIds: string[]
  filter: string | undefined
  orderBy: readonly SearchLoggedModelsOrderBy[]
  offset: number
}

function tokenOrderBy(orderBy: readonly SearchLoggedModelsOrderBy[]): TokenOrderBy[] | null {
  if (orderBy.length === 0) return null
  return orderBy.map((entry) => ({
    field_name: entry.fieldName,
    ascending: entry.ascending ?? true,
    dataset_name: entry.datasetName || null,
    dataset_digest: entry.datasetDigest || null,
  }))
}

/** `json.dumps` with Python's defaults: `", "` and `": "` separators, non-ASCII escaped. */
function pythonJson(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(', ')}]`
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
    return `{${entries.map(([key, item]) => `${pythonJson(key)}: ${pythonJson(item)}`).join(', ')}}`
  }
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}

/** A value as Python's `repr` prints it (lists, dicts, strings, booleans, `None`). */
function pythonValueRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None'
  if (value === true) return 'True'
  if (value === false) return 'False'
  if (typeof value === 'string') return pythonRepr(value)
  if (Array.isArray(value)) return `[${value.map(pythonValueRepr).join(', ')}]`
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
    return `{${entries.map(([key, item]) => `${pythonRepr(key)}: ${pythonValueRepr(item)}`).join(', ')}}`
  }
  return String(value)
}

/**
 * Encodes the token of the page that starts at `offset`.
 *
 * @example
 * createLoggedModelPageToken({ experimentIds: ['1'], filter: undefined, orderBy: [], offset: 2 })
 * // base64 of '{"experiment_ids": ["1"], "filter_string": null, "order_by": null, "offset": 2}'
 */
export function createLoggedModelPageToken(token: LoggedModelPageToken): string {
  const json = pythonJson({
    experiment_ids: token.experimentIds,
    filter_string: token.filter || null,
    order_by: tokenOrderBy(token.orderBy),
    offset: token.offset,
  })
  return Buffer.from(json, 'utf8').toString('base64')
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, index) => deepEqual(item, b[index]))
    )
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  const aKeys = Object.keys(a)
  const bRecord = b as Record<string, unknown>
  return (
    aKeys.length === Object.keys(b).length &&
    aKeys.every(
      (key) => key in bRecord && deepEqual((a as Record<string, unknown>)[key], bRecord[key]),
    )
  )
}

function decode(pageToken: string): Record<string, unknown> {
  const normalized = pageToken.replace(/-/g, '+').replace(/_/g, '/')
  let parsed: unknown
  if (/^[A-Za-z0-9+/]*={0,2}$/.test(normalized) && normalized.length % 4 !== 1) {
    try {
      parsed = JSON.parse(Buffer.from(normalized, 'base64').toString('utf8'))
    } catch {
      parsed = undefined
    }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw StoreError.invalidParameter(`Invalid page token: ${pageToken}.`)
  }
  return parsed as Record<string, unknown>
}

/**
 * Reads a page token and checks it against the search it is used with; returns its offset.
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE` for a token that is not one, or that belongs to
 *   a search with other experiment ids, filter or order_by (MLflow's messages).
 * @example
 * readLoggedModelPageToken({ pageToken, experimentIds: ['1'], filter: undefined, orderBy: [] }) // 2
 */
export function readLoggedModelPageToken(options: {
  pageToken: string
  experimentIds: string[]
  filter: string | undefined
  orderBy: readonly SearchLoggedModelsOrderBy[]
}): number {
  const token = decode(options.pageToken)
  const experimentIds = token.experiment_ids ?? null
  if (!deepEqual(experimentIds, options.experimentIds)) {
    throw StoreError.invalidParameter(
      'Experiment IDs in the page token do not match the requested experiment IDs. ' +
        `Expected: ${pythonValueRepr(options.experimentIds)}. Found: ${pythonValueRepr(experimentIds)}`,
    )
  }
  const filter = token.filter_string || null
  const wantedFilter = options.filter || null
  if (filter !== wantedFilter) {
    throw StoreError.invalidParameter(
      'Filter string in the page token does not match the requested filter string. ' +
        `Expected: ${wantedFilter ?? 'None'}. Found: ${filter === null ? 'None' : String(filter)}`,
    )
  }
  const orderBy = token.order_by || null
  const wantedOrderBy = tokenOrderBy(options.orderBy)
  if (!deepEqual(orderBy, wantedOrderBy)) {
    throw StoreError.invalidParameter(
      'Order by in the page token does not match the requested order by. ' +
        `Expected: ${pythonValueRepr(wantedOrderBy)}. Found: ${pythonValueRepr(orderBy)}`,
    )
  }
  const offset = token.offset || 0
  if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0) {
    throw StoreError.invalidParameter(`Invalid page token: ${options.pageToken}.`)
  }
  return offset
}
