/**
 * @module artifact-uri
 * Joining artifact URIs the way MLflow's stores do (`append_to_uri_path`), and making relative
 * local experiment locations absolute.
 */
import { resolve } from 'node:path'

const schemePattern = /^[a-zA-Z][a-zA-Z0-9+.-]*:/

/**
 * Appends path segments to a URI or path with `/`, keeping any query string at the end.
 *
 * @example
 * appendToUriPath('mlflow-artifacts:/', '3') // 'mlflow-artifacts:/3'
 * appendToUriPath('s3://bucket/exp?x=1', 'abc', 'artifacts') // 's3://bucket/exp/abc/artifacts?x=1'
 */
export function appendToUriPath(base: string, ...segments: string[]): string {
  const queryStart = base.search(/[?#]/)
  const head = queryStart === -1 ? base : base.slice(0, queryStart)
  const tail = queryStart === -1 ? '' : base.slice(queryStart)
  let path = head
  for (const segment of segments) {
    const trimmed = segment.replace(/^\/+/, '')
    if (trimmed === '') continue
    path = path.endsWith('/') ? `${path}${trimmed}` : `${path}/${trimmed}`
  }
  return `${path}${tail}`
}

/**
 * Makes a scheme-less relative path absolute (against the working directory); URIs and absolute
 * paths are returned unchanged.
 *
 * @example
 * resolveLocalUri('mlruns/1') // '/current/dir/mlruns/1'
 */
export function resolveLocalUri(location: string): string {
  if (schemePattern.test(location) || location.startsWith('/')) return location
  return resolve(location)
}
