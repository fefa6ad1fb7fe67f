/**
 * @module proto-types
 * The scalar schemas entity fields are built from, and the registry that tells the wire codec
 * (`../wire/`) how MLflow encodes each of them in JSON.
 */
import { z } from 'zod'

/** How a field travels in MLflow's proto JSON, when a plain zod type does not say it. */
export type ProtoType =
  | { type: 'int64' }
  | { type: 'double' }
  | { type: 'enum'; numbers: Readonly<Record<string, number>> }
  | { type: 'message'; aliases: Readonly<Record<string, string>> }
  | { type: 'listOrAbsent' }

/**
 * Marks the schemas whose JSON form differs from their TypeScript form: int64 (numbers, also
 * read from strings), double (NaN and infinities as strings), proto enums (also read from
 * their numbers), messages with deprecated field aliases (`run_uuid` for `run_id`: read when
 * the field is absent, written next to it) and repeated fields read as absent when the JSON
 * holds no list (`listOrAbsent`). The wire codec looks schemas up here.
 *
 * @example
 * protoTypes.get(int64Schema) // { type: 'int64' }
 */
export const protoTypes = z.registry<ProtoType>()

/**
 * An int64 field: epoch milliseconds, steps, sizes. A safe integer in TypeScript.
 *
 * @example
 * int64Schema.parse(1718460461282) // 1718460461282
 */
export const int64Schema = z.int()
protoTypes.add(int64Schema, { type: 'int64' })

const INT64_MIN = -(2n ** 63n)
const INT64_MAX = 2n ** 63n - 1n

function isWideInt64(value: unknown): value is number | bigint {
  if (typeof value === 'number') return Number.isSafeInteger(value)
  return typeof value === 'bigint' && value >= INT64_MIN && value <= INT64_MAX
}

/**
 * An int64 field that may exceed 2^53 (metric steps and timestamps, which MLflow stores and
 * returns exactly): a safe integer as a number, a larger one as a bigint (the wire codec reads
 * those from JSON parsed by `parseJsonBigIntSafe` or from digit strings, and writes them back
 * for `printJsonBigIntSafe`).
 *
 * @example
 * wideInt64Schema.parse(3) // 3
 * wideInt64Schema.parse(9007199254740993n) // 9007199254740993n
 */
export const wideInt64Schema = z.custom<number | bigint>(isWideInt64, {
  error: 'Expected a 64-bit integer',
})
protoTypes.add(wideInt64Schema, { type: 'int64' })

/**
 * A double field (metric values). Unlike `z.number()` it keeps NaN, Infinity and -Infinity,
 * which MLflow stores and returns.
 *
 * @example
 * doubleSchema.parse(Number.NaN) // NaN
 */
export const doubleSchema = z.custom<number>((value) => typeof value === 'number', {
  error: 'Expected a number',
})
protoTypes.add(doubleSchema, { type: 'double' })
