/**
 * @module backend-stores
 * Everything the server keeps in its backend database, as one bundle of stores that share the
 * connection: tracking (experiments, runs), the model registry, logged models, traces and
 * assessments. Closing the bundle closes the connection.
 */
import type { AssessmentStore } from './assessments/assessment-store.ts'
import type { LoggedModelStore } from './logged-models/logged-model-store.ts'
import type { RegistryStore } from './registry/registry-store.ts'
import type { TraceStore } from './traces/trace-store.ts'
import type { TrackingStore } from './tracking-store.ts'

/** The stores of one backend database. */
export interface BackendStores {
  trackingStore: TrackingStore
  registryStore: RegistryStore
  loggedModelStore: LoggedModelStore
  traceStore: TraceStore
  assessmentStore: AssessmentStore
  /** Closes the shared connection. */
  close(): Promise<void>
}
