/**
 * A value in MLflow's JSON: what `JSON.parse` gives, plus bigint for integers beyond 2^53
 * (see `parseJsonBigIntSafe`).
 */
export type WireValue =
  | string
  | number
  | boolean
  | null
  | bigint
  | WireValue[]
  | { [key: string]: WireValue }

/** A JSON object in MLflow's snake_case form, such as a request or response body. */
export type WireObject = { [key: string]: WireValue }

/**
 * Whether a value is a plain JSON object (not an array, not null).
 *
 * @example
 * isWireObject({ run_id: 'a1' }) // true
 */
export function isWireObject(value: unknown): value is WireObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
