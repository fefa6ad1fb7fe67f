/**
 * @module page-token
 * MLflow's offset page tokens: base64 of the JSON `{"offset": N}`. Clients treat them as opaque;
 * the format matches MLflow's so tokens look the same to anyone who decodes them.
 */
import { StoreError } from '../store-error.ts'

/**
 * Encodes an offset as a page token, byte for byte as MLflow does.
 *
 * @example
 * createPageToken({ offset: 50 }) // 'eyJvZmZzZXQiOiA1MH0='
 */
export function createPageToken(options: { offset: number }): string {
  return Buffer.from(JSON.stringify({ offset: options.offset }).replace(':', ': ')).toString(
    'base64',
  )
}

/**
 * Decodes a page token into its start offset; no token means offset 0.
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE` ("Invalid page token, ...") for a bad token.
 * @example
 * parsePageToken({ pageToken: 'eyJvZmZzZXQiOiA1MH0=' }) // 50
 */
export function parsePageToken(options: { pageToken: string | undefined }): number {
  const token = options.pageToken
  if (!token) return 0
  const normalized = token.replace(/-/g, '+').replace(/_/g, '/')
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(normalized) || normalized.length % 4 === 1) {
    throw StoreError.invalidParameter('Invalid page token, could not base64-decode')
  }
  const decoded = Buffer.from(normalized, 'base64').toString('utf8')
  let parsed: unknown
  try {
    parsed = JSON.parse(decoded)
  } catch {
    throw StoreError.invalidParameter(`Invalid page token, decoded value=${decoded}`)
  }
  const offset =
    typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>).offset
      : undefined
  if (offset === undefined || offset === null || offset === 0 || offset === '') {
    throw StoreError.invalidParameter(`Invalid page token, parsed value=${decoded}`)
  }
  const number = typeof offset === 'number' ? offset : Number(offset)
  if (!Number.isSafeInteger(number) || number < 0) {
    throw StoreError.invalidParameter(`Invalid page token, not stringable ${String(offset)}`)
  }
  return number
}
