/**
 * @module @dspyflow/server/stores/testing
 * Test helpers for store authors: the conformance suite every `TrackingStore` runs, and a
 * throwaway PostgreSQL server. Imports vitest, so it is kept out of the stores' main entry.
 *
 * @example
 * import { runStoreConformance } from '@dspyflow/server/stores/testing'
 * runStoreConformance({ name: 'my-store', createStore: (settings) => createMyStore(settings) })
 */
export {
  findPostgresBinaries,
  type PostgresBinaries,
  type PostgresServer,
  startPostgresServer,
} from './postgres-server.ts'
export {
  type ConformanceStoreSettings,
  type CreateConformanceStore,
  type RunStoreConformanceOptions,
  runStoreConformance,
} from './run-store-conformance.ts'
