/**
 * @module model-uri
 * `models:/` URIs as MLflow reads them (spec §9.2): `models:/<model_id>`,
 * `models:/<name>/<version>`, `models:/<name>/<stage>`, `models:/<name>/latest` and
 * `models:/<name>@<alias>`; plus the small part of Python's `urlparse` the registry relies on.
 */
import { StoreError } from '../store-error.ts'

/** A URI split like Python's `urllib.parse.urlparse` (scheme lowercased; no `;params`). */
export interface SplitUri {
  scheme: string
  netloc: string
  path: string
  query: string
  fragment: string
}

/**
 * Splits a URI into scheme, authority, path, query and fragment.
 *
 * @example
 * splitUri('models://host/a/1') // { scheme: 'models', netloc: 'host', path: '/a/1', ... }
 */
export function splitUri(uri: string, options: { allowFragments?: boolean } = {}): SplitUri {
  let rest = uri
  let scheme = ''
  const schemeMatch = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(rest)
  if (schemeMatch) {
    scheme = (schemeMatch[1] as string).toLowerCase()
    rest = rest.slice(schemeMatch[0].length)
  }
  let netloc = ''
  if (rest.startsWith('//')) {
    const end = rest.slice(2).search(/[/?#]/)
    netloc = end === -1 ? rest.slice(2) : rest.slice(2, end + 2)
    rest = end === -1 ? '' : rest.slice(end + 2)
  }
  let fragment = ''
  if (options.allowFragments !== false) {
    const hash = rest.indexOf('#')
    if (hash !== -1) {
      fragment = rest.slice(hash + 1)
      rest = rest.slice(0, hash)
    }
  }
  let query = ''
  const question = rest.indexOf('?')
  if (question !== -1) {
    query = rest.slice(question + 1)
    rest = rest.slice(0, question)
  }
  return { scheme, netloc, path: rest, query, fragment }
}

/** What a `models:/` URI names: one of a logged model, a version, a stage, the latest, an alias. */
export type ParsedModelUri =
  | { kind: 'model-id'; modelId: string }
  | { kind: 'version'; name: string; version: string }
  | { kind: 'stage'; name: string; stage: string }
  | { kind: 'latest'; name: string }
  | { kind: 'alias'; name: string; alias: string }

/**
 * MLflow's message for a malformed `models:/` URI.
 *
 * @example
 * improperModelUriMessage('models:/') // "Not a proper models:/ URI: models:/. Models URIs ..."
 */
export function improperModelUriMessage(uri: string): string {
  return (
    `Not a proper models:/ URI: ${uri}. Models URIs must be of the form 'models:/name/suffix' ` +
    "or 'models:/name@alias' where suffix is a version, stage, or the string 'latest' and " +
    'where alias is a registered model alias. Only one of suffix or alias can be defined at a time.'
  )
}

/**
 * Parses a `models:/` URI.
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE` for anything else.
 * @example
 * parseModelUri('models:/qa@champion') // { kind: 'alias', name: 'qa', alias: 'champion' }
 * parseModelUri('models:/m-0123') // { kind: 'model-id', modelId: 'm-0123' }
 */
export function parseModelUri(uri: string): ParsedModelUri {
  const improper = () => StoreError.invalidParameter(improperModelUriMessage(uri))
  const { scheme, path } = splitUri(uri, { allowFragments: false })
  if (scheme !== 'models' || !path.startsWith('/') || path.length <= 1) throw improper()
  const parts = path.replace(/^\/+/, '').split('/')
  const first = parts[0] ?? ''
  if (parts.length > 2 || first.trim() === '') throw improper()
  if (parts.length === 2) {
    const suffix = parts[1] as string
    if (suffix.trim() === '') throw improper()
    if (/^\d+$/.test(suffix)) return { kind: 'version', name: first, version: suffix }
    if (suffix.toLowerCase() === 'latest') return { kind: 'latest', name: first }
    return { kind: 'stage', name: first, stage: suffix }
  }
  if (path.includes('@')) {
    const at = first.lastIndexOf('@')
    const alias = at === -1 ? '' : first.slice(at + 1)
    if (at === -1 || alias.trim() === '') throw improper()
    return { kind: 'alias', name: first.slice(0, at), alias }
  }
  return { kind: 'model-id', modelId: first }
}
