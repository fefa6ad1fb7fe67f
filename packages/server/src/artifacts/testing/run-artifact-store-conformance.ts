/**
 * @module run-artifact-store-conformance
 * The one test suite every {@link ArtifactStore} implementation runs: round trips (binary,
 * empty, every body kind, a 20 MiB stream), MLflow's listing shape, deletion, not-found errors,
 * path safety through every operation, concurrent writes, multipart uploads and unicode names.
 * An implementation's test file only calls {@link runArtifactStoreConformance}.
 */
import { describe } from 'vitest'
import {
  type ArtifactConformanceSkip,
  createArtifactConformanceHarness,
  type CreateConformanceArtifactStore,
} from './conformance/artifact-conformance-harness.ts'
import { describeConcurrency } from './conformance/concurrency.ts'
import { describeDeletion } from './conformance/deletion.ts'
import { describeListing } from './conformance/listing.ts'
import { describeMultipart } from './conformance/multipart.ts'
import { describePathSafety } from './conformance/path-safety.ts'
import { describeRoundTrip } from './conformance/round-trip.ts'
import { describeUnicodeNames } from './conformance/unicode-names.ts'

export type { ArtifactConformanceSkip, CreateConformanceArtifactStore }

/** Options of {@link runArtifactStoreConformance}. */
export interface RunArtifactStoreConformanceOptions {
  /** Shown as the suite's name, e.g. `'local'`. */
  name: string
  /** Returns a new, empty store. Called once per test; the suite closes it afterwards. */
  createStore: CreateConformanceArtifactStore
  /** Tests this implementation skips; say why next to the call. */
  skips?: readonly ArtifactConformanceSkip[]
}

/**
 * Registers the conformance suite with vitest.
 *
 * @example
 * // local-artifact-store.test.ts
 * runArtifactStoreConformance({
 *   name: 'local',
 *   createStore: async () =>
 *     createLocalArtifactStore({ root: await mkdtemp(join(tmpdir(), 'artifacts-')) }),
 * })
 */
export function runArtifactStoreConformance(options: RunArtifactStoreConformanceOptions): void {
  describe(`ArtifactStore conformance: ${options.name}`, () => {
    const harness = createArtifactConformanceHarness(options.createStore, options.skips)
    describeRoundTrip(harness)
    describeListing(harness)
    describeDeletion(harness)
    describePathSafety(harness)
    describeConcurrency(harness)
    describeMultipart(harness)
    describeUnicodeNames(harness)
  })
}
