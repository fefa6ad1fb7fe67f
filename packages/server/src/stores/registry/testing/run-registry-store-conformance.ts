/**
 * @module run-registry-store-conformance
 * The one test suite every {@link RegistryStore} implementation runs: registered models, model
 * versions, aliases, searches and `models:/` sources, with MLflow's codes and messages. An
 * implementation's test file only calls {@link runRegistryStoreConformance}.
 */
import { describe } from 'vitest'
import { describeAliases } from './aliases.ts'
import { describeModelVersions } from './model-versions.ts'
import { describeRegisteredModels } from './registered-models.ts'
import {
  type CreateRegistryBackend,
  createRegistryConformanceHarness,
} from './registry-conformance-harness.ts'
import { describeRegistrySearch } from './search.ts'
import { describeModelSources } from './sources.ts'

export {
  type CreateRegistryBackend,
  type FakeLoggedModels,
  fakeLoggedModels,
  type RegistryConformanceSettings,
} from './registry-conformance-harness.ts'

/** Options of {@link runRegistryStoreConformance}. */
export interface RunRegistryStoreConformanceOptions {
  /** Shown as the suite's name, e.g. `'sqlite'`. */
  name: string
  /** Returns a new, empty backend using the injected clock and ids. Called once per test. */
  createBackend: CreateRegistryBackend
}

/**
 * Registers the registry conformance suite with vitest.
 *
 * @example
 * runRegistryStoreConformance({
 *   name: 'sqlite',
 *   createBackend: (settings) => openSqliteBackendStores({ path: ':memory:', ...settings }),
 * })
 */
export function runRegistryStoreConformance(options: RunRegistryStoreConformanceOptions): void {
  describe(`RegistryStore conformance: ${options.name}`, () => {
    const harness = createRegistryConformanceHarness(options.createBackend)
    describeRegisteredModels(harness)
    describeModelVersions(harness)
    describeAliases(harness)
    describeRegistrySearch(harness)
    describeModelSources(harness)
  })
}
