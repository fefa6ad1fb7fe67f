/**
 * @module registry-validation
 * MLflow's checks on registry input (mlflow/utils/validation.py): model names, version numbers,
 * alias names (and the reserved ones), registry tag keys and values, with MLflow's messages.
 */
import { StoreError } from '../store-error.ts'
import {
  invalidValueMessage,
  isPathAmbiguous,
  pythonNormpath,
  validateKeyName,
  validateLength,
} from '../validation/validate-name.ts'
import { pythonRepr } from '../python-format.ts'

/** Longest registry tag key. */
export const MAX_REGISTRY_TAG_KEY_LENGTH = 250
/** Longest registry tag value. */
export const MAX_REGISTRY_TAG_VALUE_LENGTH = 100_000
/** Longest alias name. */
export const MAX_ALIAS_LENGTH = 255
/** The tag that makes a registered model (or version) a prompt. */
export const IS_PROMPT_TAG_KEY = 'mlflow.prompt.is_prompt'
/** The tag holding a prompt version's template. */
export const PROMPT_TEXT_TAG_KEY = 'mlflow.prompt.text'

/**
 * MLflow's "Missing value for required parameter" message (without the API-docs hint: the
 * registry raises it after the request schema).
 *
 * @example
 * missingValue('name') // "Missing value for required parameter 'name'."
 */
export function missingValue(path: string): string {
  return `Missing value for required parameter '${path}'.`
}

/**
 * Checks a registered model name: non-blank, no `/` or `:`, not path-ambiguous.
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE`.
 * @example
 * validateModelName({ name: 'qa-program' }) // ok
 */
export function validateModelName(options: { name: string | undefined; path?: string }): void {
  const { name } = options
  if (name === undefined || name.trim() === '') {
    throw StoreError.invalidParameter(missingValue(options.path ?? 'name'))
  }
  if (name.includes('/') || name.includes(':')) {
    throw StoreError.invalidParameter(
      `Invalid model name '${name}'. Names cannot contain '/' or ':'.`,
    )
  }
  if (isPathAmbiguous(name)) {
    throw StoreError.invalidParameter(
      invalidValueMessage(
        'name',
        name,
        'Names may be treated as files in certain cases, and must not resolve to other names ' +
          `when treated as such. This name would resolve to ${pythonRepr(pythonNormpath(name))}`,
      ),
    )
  }
}

/**
 * Parses a version number the way Python's `int()` reads a string: surrounding whitespace, a
 * sign, and `_` between digits are allowed.
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE` ("Parameter 'version' must be an integer, got 'x'.").
 * @example
 * parseModelVersion({ version: ' 3 ' }) // 3
 */
export function parseModelVersion(options: { version: string | number }): number {
  const { version } = options
  if (typeof version === 'number' && Number.isSafeInteger(version)) return version
  const text = String(version).trim()
  if (/^[-+]?\d+(?:_\d+)*$/.test(text)) {
    const parsed = Number(text.replace(/_/g, ''))
    if (Number.isSafeInteger(parsed)) return parsed
  }
  throw StoreError.invalidParameter(
    `Parameter 'version' must be an integer, got '${String(version)}'.`,
  )
}

/**
 * Checks an alias name: non-empty, letters, digits, `_` and `-` only, ≤ 255 characters.
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE`.
 * @example
 * validateAliasName({ alias: 'champion' }) // ok
 */
export function validateAliasName(options: { alias: string | undefined }): void {
  const { alias } = options
  if (alias === undefined || alias === '') {
    throw StoreError.invalidParameter('Registered model alias name cannot be empty.')
  }
  if (!/^[\p{L}\p{N}_-]*$/u.test(alias)) {
    throw StoreError.invalidParameter(
      `Invalid alias name: '${alias}'. Names may only contain alphanumerics, underscores (_), ` +
        'and dashes (-).',
    )
  }
  validateLength({ what: 'Registered model alias name', limit: MAX_ALIAS_LENGTH, value: alias })
}

/**
 * Rejects the aliases MLflow reserves when setting one: `latest` (any case), `v<digits>`.
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE`.
 * @example
 * validateAliasNotReserved({ alias: 'v2' }) // throws
 */
export function validateAliasNotReserved(options: { alias: string }): void {
  const { alias } = options
  if (alias.toLowerCase() === 'latest') {
    throw StoreError.invalidParameter("'latest' alias name (case insensitive) is reserved.")
  }
  if (/^[vV]\d+$/.test(alias)) {
    throw StoreError.invalidParameter(`Version alias name '${alias}' is reserved.`)
  }
}

/**
 * Checks a registry tag key (the run-tag key rules).
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE`.
 * @example
 * validateRegistryTagKey({ key: 'team' }) // ok
 */
export function validateRegistryTagKey(options: { key: string | undefined }): void {
  const { key } = options
  if (key === undefined || key === null) throw StoreError.invalidParameter(missingValue('key'))
  validateKeyName({ name: key, path: 'key' })
}

/**
 * Checks a registered-model tag: key rules, key ≤ 250, value ≤ 100000 characters.
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE`.
 * @example
 * validateRegisteredModelTag({ key: 'team', value: 'nlp' }) // ok
 */
export function validateRegisteredModelTag(tag: { key: string; value: string }): void {
  validateRegistryTagKey({ key: tag.key })
  validateLength({ what: 'key', limit: MAX_REGISTRY_TAG_KEY_LENGTH, value: tag.key })
  validateLength({ what: 'value', limit: MAX_REGISTRY_TAG_VALUE_LENGTH, value: tag.value })
}

/**
 * Checks a model-version tag: key rules, a value present, key ≤ 250, value ≤ 100000 characters
 * (with a clearer message for a prompt template).
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE`.
 * @example
 * validateModelVersionTag({ key: 'validated', value: 'yes' }) // ok
 */
export function validateModelVersionTag(tag: { key: string; value: string | undefined }): void {
  validateRegistryTagKey({ key: tag.key })
  if (tag.value === undefined || tag.value === null) {
    throw StoreError.invalidParameter('Tag value cannot be None')
  }
  validateLength({ what: 'key', limit: MAX_REGISTRY_TAG_KEY_LENGTH, value: tag.key })
  if (
    tag.key === PROMPT_TEXT_TAG_KEY &&
    Array.from(tag.value).length > MAX_REGISTRY_TAG_VALUE_LENGTH
  ) {
    throw StoreError.invalidParameter(
      `Prompt text exceeds max length of ${MAX_REGISTRY_TAG_VALUE_LENGTH} characters.`,
    )
  }
  validateLength({ what: 'value', limit: MAX_REGISTRY_TAG_VALUE_LENGTH, value: tag.value })
}
