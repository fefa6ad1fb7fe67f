/**
 * @module search-cases
 * The four search_traces queries of bench/traces and, for each, the exact answer expected from
 * what was seeded: traces `0 … traces - 1` of trace-factory.ts, newest first (MLflow's default
 * order, `timestamp_ms DESC`; every trace has its own timestamp). Each timed query varies its
 * value (customer, tool, time window) so that no two consecutive queries are the same. The span
 * case comes last: it is the one the reference may not answer in time (see search-phase.ts).
 */
import { CUSTOMERS, mlflowTraceId, TOOLS, toolsOf, traceStartMs } from './trace-factory.ts'

/** One search request and the trace ids it must return, in order. */
export interface SearchQuery {
  filter?: string
  expected: string[]
}

/** A kind of search and how to make its `n`-th query. */
export interface SearchCase {
  name: 'no_filter' | 'tag' | 'span' | 'timestamp_range'
  /** The filter as shown in the report (with a placeholder for the varied value). */
  label: string
  query(n: number): SearchQuery
}

/** The newest `limit` of traces `from … to - 1` that `keep` accepts, newest first. */
function newest(from: number, to: number, limit: number, keep: (index: number) => boolean) {
  const ids: string[] = []
  for (let index = to - 1; index >= from && ids.length < limit; index -= 1)
    if (keep(index)) ids.push(mlflowTraceId(index))
  return ids
}

/**
 * The four cases over `traces` seeded traces, answers of at most `maxResults`.
 *
 * @example
 * const [noFilter] = searchCases({ traces: 100_000, maxResults: 100 })
 * noFilter.query(0).expected[0] // the id of trace 99,999
 */
export function searchCases(options: { traces: number; maxResults: number }): SearchCase[] {
  const { traces, maxResults } = options
  const window = Math.max(1, Math.floor(traces / 10))
  return [
    {
      name: 'no_filter',
      label: 'no filter (default order)',
      query: () => ({ expected: newest(0, traces, maxResults, () => true) }),
    },
    {
      name: 'tag',
      label: "`tags.customer = 'customer-<k>'` (1 trace in 10)",
      query: (n) => {
        const customer = n % CUSTOMERS.length
        return {
          filter: `tags.customer = '${CUSTOMERS[customer]}'`,
          expected: newest(0, traces, maxResults, (index) => index % CUSTOMERS.length === customer),
        }
      },
    },
    {
      name: 'timestamp_range',
      label: '`trace.timestamp_ms >= a AND trace.timestamp_ms < b` (a window of 1 trace in 10)',
      query: (n) => {
        // Windows spread over the experiment, the newest one ending a tenth before the end.
        const slots = 8
        const from = Math.floor(((n % slots) * (traces - 2 * window)) / slots)
        const to = from + window
        return {
          filter: `trace.timestamp_ms >= ${traceStartMs(from)} AND trace.timestamp_ms < ${traceStartMs(to)}`,
          expected: newest(from, to, maxResults, () => true),
        }
      },
    },
    {
      name: 'span',
      label: "`span.type = 'TOOL' AND span.name = '<tool>'` (1 trace in 5)",
      query: (n) => {
        const tool = TOOLS[(n * 3) % TOOLS.length]!
        return {
          filter: `span.type = 'TOOL' AND span.name = '${tool}'`,
          expected: newest(0, traces, maxResults, (index) => toolsOf(index).includes(tool)),
        }
      },
    },
  ]
}
