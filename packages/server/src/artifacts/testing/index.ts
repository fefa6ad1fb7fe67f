/**
 * @module @dspyflow/server/artifacts/testing
 * For artifact-store authors and tests: the conformance suite every store runs, and a real local
 * S3-compatible server (moto, installed from PyPI into the repository's `.venv` on first use).
 * Imports vitest; keep it out of production code.
 *
 * @example
 * const moto = await startMotoServer()
 * runArtifactStoreConformance({ name: 's3', createStore: async () => createS3ArtifactStore({ ... }) })
 */
export {
  ensureMotoInstalled,
  findRepoRoot,
  type MotoServer,
  type StartMotoServerOptions,
  startMotoServer,
} from './moto-server.ts'
export {
  type ArtifactConformanceSkip,
  type CreateConformanceArtifactStore,
  type RunArtifactStoreConformanceOptions,
  runArtifactStoreConformance,
} from './run-artifact-store-conformance.ts'
