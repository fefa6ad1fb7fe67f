/**
 * @module run-store-conformance
 * The one test suite every {@link TrackingStore} implementation runs: experiments, runs,
 * logging rules and limits with MLflow's error codes and messages, metric history, dataset
 * inputs, model inputs and outputs, the search grammar (60 filters, 13 orderings, 22 rejected
 * filters), pagination and concurrent calls. An implementation's test file only calls {@link runStoreConformance}.
 */
import { describe } from 'vitest'
import { createConformanceHarness } from './conformance/conformance-harness.ts'
import type { CreateConformanceStore } from './conformance/conformance-harness.ts'
import { describeConcurrency } from './conformance/concurrency.ts'
import { describeExperiments } from './conformance/experiments.ts'
import { describeInputs } from './conformance/inputs.ts'
import { describeLogBatch } from './conformance/log-batch.ts'
import { describeLogging } from './conformance/logging.ts'
import { describeMetricHistory } from './conformance/metric-history.ts'
import { describeRunOutputs } from './conformance/run-outputs.ts'
import { describeRuns } from './conformance/runs.ts'
import { describeSearchExperiments } from './conformance/search-experiments.ts'
import { describeSearchRuns, describeSearchRunsIsolated } from './conformance/search-runs.ts'

export type {
  ConformanceStoreSettings,
  CreateConformanceStore,
} from './conformance/conformance-harness.ts'

/** Options of {@link runStoreConformance}. */
export interface RunStoreConformanceOptions {
  /** Shown as the suite's name, e.g. `'sqlite'`. */
  name: string
  /**
   * Returns a new, empty store (only the Default experiment) that uses the injected clock, id
   * generator, random source and artifact root. Called once per test.
   */
  createStore: CreateConformanceStore
}

/**
 * Registers the conformance suite with vitest.
 *
 * @example
 * // sqlite-tracking-store.test.ts
 * runStoreConformance({
 *   name: 'sqlite',
 *   createStore: (settings) => openSqliteTrackingStore({ path: ':memory:', ...settings }),
 * })
 */
export function runStoreConformance(options: RunStoreConformanceOptions): void {
  describe(`TrackingStore conformance: ${options.name}`, () => {
    const harness = createConformanceHarness(options.createStore)
    describeExperiments(harness)
    describeSearchExperiments(harness)
    describeRuns(harness)
    describeLogging(harness)
    describeLogBatch(harness)
    describeMetricHistory(harness)
    describeInputs(harness)
    describeRunOutputs(harness)
    describeSearchRuns(harness)
    describeSearchRunsIsolated(harness)
    describeConcurrency(harness)
  })
}
