/**
 * @module progress
 * Progress lines of bench/traces on stderr (stdout carries the JSON result).
 */

/**
 * Writes one progress line.
 *
 * @example
 * log('ours: seeding') // "[bench/traces] ours: seeding" on stderr
 */
export const log = (message: string) => process.stderr.write(`[bench/traces] ${message}\n`)
