/**
 * @module route-services
 * What route handlers work with: the stores and the server settings they need. Built once by
 * `createTrackingServer` and handed to every handler.
 */
import type { ArtifactStore } from '../../artifacts/artifact-store.ts'
import type { AssessmentStore } from '../../stores/assessments/assessment-store.ts'
import type { LoggedModelStore } from '../../stores/logged-models/logged-model-store.ts'
import type { RegistryStore } from '../../stores/registry/registry-store.ts'
import type { TraceStore } from '../../stores/traces/trace-store.ts'
import type { TrackingStore } from '../../stores/tracking-store.ts'

/** Opens an artifact store for a URI (`file:`, a local path, `s3:`). */
export type OpenArtifactStore = (options: { uri: string }) => Promise<ArtifactStore>

/** The artifact stores routes can reach. */
export interface ArtifactAccess {
  /**
   * The `--artifacts-destination` store behind `mlflow-artifacts:/` URIs and the
   * `/api/2.0/mlflow-artifacts/...` proxy; `undefined` with `--no-serve-artifacts`.
   */
  proxyStore: ArtifactStore | undefined
  /** Opens a store for a run whose artifact URI is not proxied (a local folder, S3). */
  openStore: OpenArtifactStore
}

/** The services every route handler receives. */
export interface TrackingRouteServices {
  trackingStore: TrackingStore
  /** Absent when the app was built over a tracking store alone: registry routes answer 404. */
  registryStore: RegistryStore | undefined
  loggedModelStore: LoggedModelStore | undefined
  traceStore: TraceStore | undefined
  assessmentStore: AssessmentStore | undefined
  artifacts: ArtifactAccess
  /** The largest JSON request body accepted, in bytes. */
  maxRequestBytes: number
}
