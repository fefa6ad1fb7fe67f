/**
 * @module hex
 * Byte strings as lowercase hex, both ways.
 */

const HEX_DIGITS = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'))

/**
 * The lowercase hex of `bytes`.
 *
 * @example
 * bytesToHex(new Uint8Array([1, 171])) // '01ab'
 */
export function bytesToHex(bytes: Uint8Array): string {
  let hex = ''
  for (let i = 0; i < bytes.length; i++) hex += HEX_DIGITS[bytes[i] as number]
  return hex
}

/**
 * The bytes of a hex string (either case), or `undefined` when it is not an even number of hex
 * digits.
 *
 * @example
 * hexToBytes('01AB') // Uint8Array [1, 171]
 * hexToBytes('0') // undefined
 */
export function hexToBytes(hex: string): Uint8Array | undefined {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) return undefined
  const bytes = new Uint8Array(hex.length / 2)
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16)
  return bytes
}
