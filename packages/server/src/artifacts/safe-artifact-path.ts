/**
 * @module safe-artifact-path
 * The one gate every artifact path passes (MLflow's `validate_path_is_safe`, §10.3 of the API
 * spec, made stricter): percent-decode until stable, then refuse anything that could leave the
 * artifact root, and normalise what is left to `a/b/c`.
 */
import { ArtifactPathError, type ArtifactPathProblem } from './errors/artifact-path-error.ts'

/** How many rounds of percent-decoding MLflow applies before giving up. */
const MAX_DECODE_ROUNDS = 10

const percentRun = /(?:%[0-9a-fA-F]{2})+/g
const utf8 = new TextDecoder('utf-8', { fatal: true })

/** Options of {@link safeArtifactPath}. */
export interface SafeArtifactPathOptions {
  /** A relative artifact path as a client sent it (possibly percent-encoded). */
  path: string
  /** Accept a path that names the root itself (`''`, `'.'`, `'./'`); default false. */
  allowRoot?: boolean
}

function refuse(path: string, problem: ArtifactPathProblem, cause?: unknown): never {
  throw new ArtifactPathError({ path, problem, cause })
}

/** Python's `urllib.parse.unquote`, except that bytes that are not UTF-8 are refused. */
function unquote(path: string, original: string): string {
  return path.replace(percentRun, (run) => {
    const bytes = new Uint8Array(run.length / 3)
    for (let index = 0; index < bytes.length; index += 1) {
      bytes[index] = Number.parseInt(run.slice(index * 3 + 1, index * 3 + 3), 16)
    }
    try {
      return utf8.decode(bytes)
    } catch (error) {
      return refuse(original, 'undecodable', error)
    }
  })
}

function decodeUntilStable(path: string): string {
  let current = path
  for (let round = 0; round < MAX_DECODE_ROUNDS; round += 1) {
    const decoded = unquote(current, path)
    if (decoded === current) return current
    current = decoded
  }
  return refuse(path, 'undecodable')
}

function problemOf(decoded: string): ArtifactPathProblem | undefined {
  // Control characters (NUL included) have no business in a file name.
  if (/[\u0000-\u001f\u007f]/.test(decoded)) return 'control-character'
  if (decoded.includes('#')) return 'fragment'
  if (/^file:/i.test(decoded)) return 'file-uri'
  // Windows separators, UNC paths (`\\host\share`) and `..\` sequences (CVE-2023-2780).
  if (decoded.includes('\\')) return 'backslash'
  if (/^[a-zA-Z]:/.test(decoded)) return 'drive-letter'
  // `..;params` counts as `..`: MLflow's urlparse round trip strips `;params` (CVE-2024-1593).
  if (decoded.split('/').some((segment) => segment.split(';')[0] === '..')) return 'parent-segment'
  if (decoded.startsWith('/')) return 'absolute'
  if (decoded.startsWith('~')) return 'home-directory'
  return undefined
}

/**
 * Checks a relative artifact path and returns it decoded and normalised (`a//./b/` → `a/b`,
 * the root → `''`). Percent-encoding is decoded repeatedly (up to 10 rounds, as MLflow does),
 * so `%2e%2e`, `..%2f`, `%252e%252e%252f` and mixed forms are caught like plain `..`. Throws
 * {@link ArtifactPathError} (`INVALID_PARAMETER_VALUE`, "Invalid path") for: `..` segments
 * (also `..;params`),
 * absolute paths (`/x`, `//host/x`), backslashes (`..\x`, `\\host\share`), drive letters
 * (`C:`), `file:` URIs, `#`, NUL and other control characters, a leading `~`, percent-escapes
 * that are not UTF-8 (overlong `%c0%ae`), paths still changing after 10 decoding rounds, and
 * the root itself unless `allowRoot` is set. Symlinks are the local store's to check.
 *
 * @example
 * safeArtifactPath({ path: 'model//./MLmodel' }) // 'model/MLmodel'
 * safeArtifactPath({ path: 'a%20b.txt' }) // 'a b.txt'
 * safeArtifactPath({ path: '', allowRoot: true }) // ''
 * safeArtifactPath({ path: '..%252fsecret' }) // throws ArtifactPathError ('parent-segment')
 */
export function safeArtifactPath(options: SafeArtifactPathOptions): string {
  const { path } = options
  if (typeof path !== 'string') return refuse(String(path), 'not-a-string')
  const decoded = decodeUntilStable(path)
  const problem = problemOf(decoded)
  if (problem !== undefined) return refuse(path, problem)
  const normalised = decoded
    .split('/')
    .filter((segment) => segment !== '' && segment !== '.')
    .join('/')
  if (normalised === '' && options.allowRoot !== true) return refuse(path, 'empty')
  return normalised
}

/**
 * Whether a stored name can be addressed as it is: it passes {@link safeArtifactPath} unchanged.
 * Listings leave other names out (a client re-validates every name it is given, and could not
 * fetch `a%2Fb` or `a\\b` anyway).
 *
 * @example
 * isAddressableArtifactPath('model/MLmodel') // true
 * isAddressableArtifactPath('a%20b') // false: it would be read as 'a b'
 */
export function isAddressableArtifactPath(path: string): boolean {
  try {
    return safeArtifactPath({ path }) === path
  } catch {
    return false
  }
}
