/**
 * @module span-ids
 * Trace and span ids between their forms: MLflow trace ids (`tr-` + 32 hex), hex span ids, and
 * the base64 of their bytes that `traces.json` and OpenTelemetry's proto JSON use.
 */

const HEX = /^[0-9a-f]+$/i

/**
 * Base64 of the bytes a hex string spells.
 *
 * @example
 * hexToBase64('4d2ab043bb079b6c') // 'TSqwQ7sHm2w='
 */
export function hexToBase64(hex: string): string {
  return Buffer.from(hex, 'hex').toString('base64')
}

/**
 * The lowercase hex of base64 bytes.
 *
 * @example
 * base64ToHex('TSqwQ7sHm2w=') // '4d2ab043bb079b6c'
 */
export function base64ToHex(base64: string): string {
  return Buffer.from(base64, 'base64').toString('hex')
}

/**
 * Base64 of the OpenTelemetry trace id inside an MLflow trace id (`tr-<32 hex>`); other ids
 * (legacy v2 request ids are 32 hex without the prefix) are read the same way.
 *
 * @example
 * traceIdToBase64('tr-a4ee0ff74cd7fa8e7281759ecaac20ce') // 'pO4P90zX+o5ygXWeyqwgzg=='
 */
export function traceIdToBase64(traceId: string): string {
  const hex = traceId.startsWith('tr-') ? traceId.slice(3) : traceId
  if (HEX.test(hex) && hex.length % 2 === 0) return hexToBase64(hex)
  return Buffer.from(traceId, 'utf8').toString('base64')
}

/**
 * The MLflow trace id of a base64 OpenTelemetry trace id.
 *
 * @example
 * base64ToTraceId('pO4P90zX+o5ygXWeyqwgzg==') // 'tr-a4ee0ff74cd7fa8e7281759ecaac20ce'
 */
export function base64ToTraceId(base64: string): string {
  return `tr-${base64ToHex(base64)}`
}

/**
 * Whether a `traces.json` id is base64 of raw bytes (the current format) rather than the hex or
 * `tr-` text MLflow 3.5 wrote.
 *
 * @example
 * isBase64Id('TSqwQ7sHm2w=') // true
 * isBase64Id('4d2ab043bb079b6c') // false
 */
export function isBase64Id(id: string): boolean {
  if (id.startsWith('tr-') || (HEX.test(id) && (id.length === 16 || id.length === 32))) {
    return false
  }
  return /^[A-Za-z0-9+/]+={0,2}$/.test(id)
}
