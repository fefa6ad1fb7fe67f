/**
 * @module artifact-location
 * Where the files behind an artifact URI live: `mlflow-artifacts:` URIs (and `http(s)` URIs of a
 * proxy's `/api/2.0/mlflow-artifacts/artifacts/...`) map onto the server's proxy destination;
 * any other URI (a local folder, `s3://...`) gets a store of its own.
 */
import { MlflowError } from '@dspyflow/mlflow/protocol'
import type { ArtifactStore } from '../artifacts/artifact-store.ts'
import { safeArtifactPath } from '../artifacts/safe-artifact-path.ts'
import type { ArtifactAccess } from './routes/route-services.ts'

const proxyAnchor = '/api/2.0/mlflow-artifacts/artifacts'

/** A folder inside an artifact store, and how to let go of the store when done. */
export interface ArtifactLocation {
  store: ArtifactStore
  /** The folder inside the store (`''` = the store's root), normalised, no trailing slash. */
  path: string
  /** Closes the store if it was opened for this location (the proxy store stays open). */
  release(): Promise<void>
}

/** Options of {@link resolveArtifactLocation}. */
export interface ResolveArtifactLocationOptions {
  /** An artifact URI, e.g. a run's `artifact_uri`. */
  uri: string
  artifacts: ArtifactAccess
}

/**
 * The store and folder an artifact URI points at.
 *
 * @throws MlflowError `INVALID_PARAMETER_VALUE` for a proxied URI while the server does not
 *   serve artifacts; the artifact registry's errors for unsupported URIs.
 * @example
 * const location = await resolveArtifactLocation({ uri: 'mlflow-artifacts:/1/abc/artifacts', artifacts })
 * // { store: proxyStore, path: '1/abc/artifacts', ... }
 */
export async function resolveArtifactLocation(
  options: ResolveArtifactLocationOptions,
): Promise<ArtifactLocation> {
  const { uri, artifacts } = options
  const proxiedPath = proxiedArtifactPath(uri)
  if (proxiedPath === undefined) {
    const store = await artifacts.openStore({ uri })
    return { store, path: '', release: () => store.close() }
  }
  if (artifacts.proxyStore === undefined) {
    throw MlflowError.invalidParameterValue(
      `The artifact location ${uri} is served by the artifact proxy, which is disabled: the ` +
        'server runs with --no-serve-artifacts.',
    )
  }
  const path = safeArtifactPath({ path: proxiedPath, allowRoot: true })
  return { store: artifacts.proxyStore, path, release: async () => undefined }
}

/**
 * The path under the proxy destination of a proxied URI, or `undefined` for other URIs.
 *
 * @example
 * proxiedArtifactPath('mlflow-artifacts:/1/abc/artifacts') // '1/abc/artifacts'
 * proxiedArtifactPath('mlflow-artifacts://host:5000/1/abc') // '1/abc'
 * proxiedArtifactPath('http://host:5000/api/2.0/mlflow-artifacts/artifacts/1/abc') // '1/abc'
 * proxiedArtifactPath('s3://bucket/1/abc') // undefined
 */
export function proxiedArtifactPath(uri: string): string | undefined {
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(uri)?.[1]?.toLowerCase()
  if (scheme === 'mlflow-artifacts') {
    const rest = uri.slice('mlflow-artifacts:'.length)
    if (rest.startsWith('//')) {
      const pathStart = rest.indexOf('/', 2)
      return pathStart === -1 ? '' : stripQuery(rest.slice(pathStart))
    }
    return stripQuery(rest)
  }
  if (scheme === 'http' || scheme === 'https') {
    let pathname: string
    try {
      pathname = new URL(uri).pathname
    } catch {
      return undefined
    }
    const anchor = pathname.indexOf(proxyAnchor)
    if (anchor === -1) return undefined
    return stripQuery(pathname.slice(anchor + proxyAnchor.length))
  }
  return undefined
}

/** Drops a query string or fragment and the leading slashes (paths are relative to the root). */
function stripQuery(path: string): string {
  const end = path.search(/[?#]/)
  return (end === -1 ? path : path.slice(0, end)).replace(/^\/+/, '')
}
