/**
 * @module logged-model-store-conformance
 * The test suite every {@link LoggedModelStore} implementation runs (SQLite, PostgreSQL): the
 * lifecycle of logged models with MLflow's codes and messages, their metrics, and search
 * (filters, datasets, order_by, page tokens). An implementation's test file only calls
 * {@link runLoggedModelStoreConformance}.
 */
import { describe } from 'vitest'
import { describeLoggedModelLifecycle } from './describe-lifecycle.ts'
import { describeLoggedModelMetrics } from './describe-metrics.ts'
import { describeLoggedModelSearch } from './describe-search.ts'
import { type CreateLoggedModelStores, createLoggedModelHarness } from './logged-model-harness.ts'

export type { CreateLoggedModelStores } from './logged-model-harness.ts'

/**
 * Registers the logged-model conformance suite with vitest.
 *
 * @example
 * runLoggedModelStoreConformance({
 *   name: 'sqlite',
 *   createStores: (settings) => openSqliteBackendStores({ path: ':memory:', ...settings }),
 * })
 */
export function runLoggedModelStoreConformance(options: {
  /** Shown in the suite's name, e.g. `'sqlite'`. */
  name: string
  /** Fresh, empty backend stores using the injected clock, ids and random source. */
  createStores: CreateLoggedModelStores
}): void {
  describe(`LoggedModelStore conformance: ${options.name}`, () => {
    const harness = createLoggedModelHarness(options.createStores)
    describeLoggedModelLifecycle(harness)
    describeLoggedModelMetrics(harness)
    describeLoggedModelSearch(harness)
  })
}
