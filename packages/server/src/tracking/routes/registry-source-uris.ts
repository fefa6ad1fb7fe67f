/**
 * @module registry-source-uris
 * The URI reading behind the model-version source checks, as MLflow's server does it: repeated
 * percent-decoding, local paths (no scheme, or `file:` on this host) with symlinks resolved,
 * and whether one URI lies under another (same scheme and authority, path-segment prefix).
 */
import { realpathSync } from 'node:fs'
import { basename, dirname, join, resolve as resolvePath } from 'node:path'
import { fileURLToPath } from 'node:url'
import { MlflowError } from '@dspyflow/mlflow/protocol'
import { splitUri } from '../../stores/registry/model-uri.ts'

function percentDecode(text: string): string {
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) =>
    Buffer.from(run.replace(/%/g, ''), 'hex').toString('utf8'),
  )
}

/**
 * Percent-decodes until the text stops changing (`plus`: `+` reads as a space, as Python's
 * `unquote_plus`), so double-encoded traversals show.
 *
 * @example
 * decodeUntilStable({ text: 'a/%252e%252e/b' }) // 'a/../b'
 */
export function decodeUntilStable(options: { text: string; plus?: boolean }): string {
  let current = options.text
  for (let round = 0; round < 100; round++) {
    const next = percentDecode(options.plus === true ? current.replace(/\+/g, ' ') : current)
    if (next === current) return current
    current = next
  }
  return current
}

/**
 * Whether MLflow treats a URI as a local path: no scheme, or `file:` naming no host or this one.
 *
 * @throws MlflowError `INVALID_PARAMETER_VALUE` for a `file:` URI naming another host (MLflow
 *   fails there too, with a 500).
 * @example
 * isLocalUri('/tmp/model') // true
 * isLocalUri('s3://bucket/model') // false
 */
export function isLocalUri(uri: string): boolean {
  const { scheme, netloc } = splitUri(uri)
  if (scheme === '') return true
  if (scheme !== 'file') return false
  const host = netloc.replace(/^.*@/, '').replace(/:\d*$/, '').toLowerCase()
  if (host === '' || host === '.' || host.startsWith('localhost') || host.startsWith('127.0.0.1')) {
    return true
  }
  throw MlflowError.invalidParameterValue(
    `${uri} is not a valid remote uri. For remote access on windows, please consider using a ` +
      'different scheme such as SMB (e.g. smb://<hostname>/<path>).',
  )
}

/** A path made absolute with symlinks resolved for the part of it that exists. */
function realPath(path: string): string {
  const absolute = resolvePath(path)
  const rest: string[] = []
  let current = absolute
  for (;;) {
    try {
      return join(realpathSync(current), ...rest)
    } catch {
      const parent = dirname(current)
      if (parent === current) return absolute
      rest.unshift(basename(current))
      current = parent
    }
  }
}

/**
 * The absolute, symlink-resolved file system path of a local URI (like Python's
 * `Path(local_file_uri_to_path(uri)).resolve()`).
 *
 * @example
 * localPath('file:///tmp/model') // '/tmp/model'
 */
export function localPath(uri: string): string {
  if (splitUri(uri).scheme === 'file') {
    try {
      return realPath(fileURLToPath(uri.replace(/^file:\/\/[^/]*/i, 'file://')))
    } catch {
      return realPath(splitUri(uri).path)
    }
  }
  return realPath(uri)
}

/**
 * Whether `path` is `root` or inside it.
 *
 * @example
 * isInside('/a/b/c', '/a/b') // true
 */
export function isInside(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith('/') ? root : `${root}/`)
}

function normalizedParts(uri: string): { scheme: string; netloc: string; parts: string[] } {
  const { scheme, netloc, path } = splitUri(uri)
  const parts = path
    .split('/')
    .filter((part) => part !== '')
    .map((part) => decodeUntilStable({ text: part }))
  return { scheme, netloc: netloc.toLowerCase(), parts }
}

/**
 * Whether `source` lies under `root`: same scheme and authority, and `root`'s (decoded) path
 * segments a prefix of `source`'s.
 *
 * @example
 * isUriWithinRoot('mlflow-artifacts:/1/r/artifacts/model', 'mlflow-artifacts:/1/r/artifacts') // true
 */
export function isUriWithinRoot(source: string, root: string): boolean {
  const a = normalizedParts(source)
  const b = normalizedParts(root)
  return (
    a.scheme === b.scheme &&
    a.netloc === b.netloc &&
    b.parts.length > 0 &&
    b.parts.every((part, index) => a.parts[index] === part)
  )
}

/**
 * Whether a URI points into the artifact proxy: `mlflow-artifacts:`, or an HTTP(S) URL through
 * `/api/2.0/mlflow-artifacts/artifacts`.
 *
 * @example
 * isMlflowArtifactSource('mlflow-artifacts:/1/r/artifacts/model') // true
 */
export function isMlflowArtifactSource(source: string): boolean {
  const { scheme, parts } = normalizedParts(source)
  if (scheme === 'mlflow-artifacts') return true
  if (scheme !== 'http' && scheme !== 'https') return false
  const route = ['api', '2.0', 'mlflow-artifacts', 'artifacts']
  for (let start = 0; start + route.length <= parts.length; start++) {
    if (route.every((part, index) => parts[start + index] === part)) return true
  }
  return false
}
