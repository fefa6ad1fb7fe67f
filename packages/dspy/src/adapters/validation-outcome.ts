/**
 * The result of validating one value against one type: the value and how exactly it matched
 * (for smart unions), or the issues found.
 * @module
 */
import { PyFloat } from '../python/py-float.ts'
import type { ValidationIssue } from './validation-error.ts'

/** How closely a valid input matched its type; smart unions prefer the closest. */
export const Exactness = { lax: 0, strict: 1, exact: 2 } as const

/** The result of validating against one type. */
export type Outcome =
  | { ok: true; value: unknown; exactness: number; fieldsSet?: number }
  | { ok: false; issues: ValidationIssue[] }

/** A successful outcome. */
export const success = (value: unknown, exactness: number, fieldsSet?: number): Outcome =>
  fieldsSet === undefined
    ? { ok: true, value, exactness }
    : { ok: true, value, exactness, fieldsSet }

/** A single-issue failure at the current location. */
export const failure = (type: string, msg: string, input: unknown): Outcome => ({
  ok: false,
  issues: [{ loc: [], type, msg, input }],
})

/** A float in our representation: integral values as {@link PyFloat}. */
export function pythonFloat(value: number): number | PyFloat {
  return Number.isInteger(value) ? new PyFloat(value) : value
}
