/**
 * @module artifacts
 * `GET /api/2.0/mlflow/artifacts/list` (§3.4 of the API spec): one folder of a run's artifacts,
 * read from wherever the run's artifact URI points (the proxy destination for
 * `mlflow-artifacts:` runs). Paths in the answer are relative to the run's artifact root and
 * include the listed folder (`model/MLmodel`).
 */
import { type FileInfo, listArtifacts } from '@dspyflow/mlflow/protocol'
import { safeArtifactPath } from '../../artifacts/safe-artifact-path.ts'
import { resolveArtifactLocation } from '../artifact-location.ts'
import { defineJsonRoute, type EndpointRoute } from './endpoint-route.ts'
import { listingEntry } from './listing-entry.ts'

/**
 * The run-artifact listing route, to mount with `mountEndpointRoutes`.
 *
 * @example
 * mountEndpointRoutes({ app, routes: artifactRoutes, services })
 */
export const artifactRoutes: readonly EndpointRoute[] = [
  defineJsonRoute(listArtifacts, async ({ runId, path }, { trackingStore, artifacts }) => {
    const run = await trackingStore.getRunOrThrow({ runId })
    const folder = safeArtifactPath({ path: path ?? '', allowRoot: true })
    const rootUri = run.info.artifactUri
    if (rootUri === '') return { rootUri, files: [] }
    const location = await resolveArtifactLocation({ uri: rootUri, artifacts })
    try {
      const entries = await location.store.list({ path: joinPath(location.path, folder) })
      return { rootUri, files: entries.map((entry) => relativeTo(entry, location.path)) }
    } finally {
      await location.release()
    }
  }),
]

function joinPath(base: string, path: string): string {
  if (base === '') return path
  return path === '' ? base : `${base}/${path}`
}

function relativeTo(entry: FileInfo, base: string): FileInfo {
  const inside = base !== '' && entry.path.startsWith(`${base}/`)
  return listingEntry(entry, inside ? entry.path.slice(base.length + 1) : entry.path)
}
