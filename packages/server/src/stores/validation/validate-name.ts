/**
 * @module validate-name
 * MLflow's rules for metric, param and tag keys: a restricted character set, and no name that a
 * file system would read as another name (`a//b`, `./x`, `/x`).
 */
import { pythonJsonDumps, pythonRepr } from '../python-format.ts'
import { StoreError } from '../store-error.ts'

const validName = /^[/\p{L}\p{N}_.\- :]*$/u

/** The message MLflow gives for a key with a character outside its set. */
export const BAD_CHARACTER_MESSAGE =
  'Names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), ' +
  'colon(:) and slashes (/).'

/**
 * Normalises a POSIX path exactly like Python's `posixpath.normpath`.
 *
 * @example
 * pythonNormpath('a/./b/') // 'a/b'
 */
export function pythonNormpath(path: string): string {
  if (path === '') return '.'
  const initialSlashes = path.startsWith('/')
    ? path.startsWith('//') && !path.startsWith('///')
      ? 2
      : 1
    : 0
  const parts: string[] = []
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue
    if (part !== '..' || (initialSlashes === 0 && parts.length === 0) || parts.at(-1) === '..') {
      parts.push(part)
    } else if (parts.length > 0) {
      parts.pop()
    }
  }
  const joined = '/'.repeat(initialSlashes) + parts.join('/')
  return joined === '' ? '.' : joined
}

/** Whether a name would resolve to a different name when treated as a path. */
export function isPathAmbiguous(name: string): boolean {
  const normalized = pythonNormpath(name)
  return (
    normalized !== name ||
    normalized === '.' ||
    normalized.startsWith('..') ||
    normalized.startsWith('/')
  )
}

/**
 * MLflow's "Invalid value ... for parameter '...' supplied" message.
 *
 * @example
 * invalidValueMessage('key', 'a b', 'Bad.') // 'Invalid value "a b" for parameter \'key\' supplied: Bad.'
 */
export function invalidValueMessage(path: string, value: unknown, detail?: string): string {
  const prefix = `Invalid value ${pythonJsonDumps(value)} for parameter '${path}' supplied`
  return detail === undefined ? `${prefix}.` : `${prefix}: ${detail}`
}

/**
 * Checks a metric, param or tag key. `path` names the field in messages (`key`, `name`,
 * `params[3].key`).
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE` with MLflow's message.
 * @example
 * validateKeyName({ name: 'val/loss', path: 'key' }) // ok
 * validateKeyName({ name: 'a//b', path: 'key' }) // throws
 */
export function validateKeyName(options: { name: string; path: string }): void {
  const { name, path } = options
  if (!validName.test(name)) {
    throw StoreError.invalidParameter(invalidValueMessage(path, name, BAD_CHARACTER_MESSAGE))
  }
  if (isPathAmbiguous(name)) {
    throw StoreError.invalidParameter(
      invalidValueMessage(
        path,
        name,
        'Names may be treated as files in certain cases, and must not resolve to other names ' +
          `when treated as such. This name would resolve to ${pythonRepr(pythonNormpath(name))}`,
      ),
    )
  }
}

/**
 * Checks a length limit; with `truncate` a long value is cut to the limit instead.
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE` ("'x' exceeds the maximum length of N characters").
 * @example
 * validateLength({ what: 'Param value', limit: 3, value: 'abcd', truncate: true }) // 'abc'
 */
export function validateLength(options: {
  what: string
  limit: number
  value: string
  truncate?: boolean
}): string {
  const { what, limit, value } = options
  // Python counts code points; a UTF-16 length within the limit is always within it.
  if (value.length <= limit) return value
  const codePoints = Array.from(value)
  if (codePoints.length <= limit) return value
  if (options.truncate) return codePoints.slice(0, limit).join('')
  throw StoreError.invalidParameter(`'${what}' exceeds the maximum length of ${limit} characters`)
}

/** Appends a field to a JSON path the way MLflow builds `metrics[0].name`. */
export function appendToJsonPath(path: string, field: string): string {
  return path === '' ? field : `${path}.${field}`
}
