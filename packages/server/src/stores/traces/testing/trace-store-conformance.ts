/**
 * @module trace-store-conformance
 * The one suite every {@link TraceStore} database runs (SQLite and PostgreSQL): StartTraceV3,
 * OTLP span batches and their merge, reads with spans, tags, run links, the v2 lifecycle,
 * search (filters, ordering, paging, errors), deletion and retention.
 */
import { describe } from 'vitest'
import { describeTraceDeletes } from './trace-delete-cases.ts'
import { describeTraceReads } from './trace-read-cases.ts'
import { describeTraceSearch } from './trace-search-cases.ts'
import { createTraceStoreHarness, type OpenTraceBackend } from './trace-store-harness.ts'
import { describeTraceWrites } from './trace-write-cases.ts'

export type { OpenTraceBackend } from './trace-store-harness.ts'

/**
 * Registers the suite with vitest.
 *
 * @example
 * runTraceStoreConformance({ name: 'sqlite', openBackend })
 */
export function runTraceStoreConformance(options: {
  name: string
  openBackend: OpenTraceBackend
}): void {
  describe(`TraceStore conformance: ${options.name}`, () => {
    const open = createTraceStoreHarness(options.openBackend)
    describeTraceWrites(open)
    describeTraceReads(open)
    describeTraceSearch(open)
    describeTraceDeletes(open)
  })
}
