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

/**
 * Marks the schemas whose JSON form differs from their TypeScript form: int64 (numbers, also
 * read from strings), double (NaN and infinities as strings), proto enums (also read from
 * their numbers) and messages with deprecated field aliases (`run_uuid` for `run_id`: read when
 * the field is absent, written next to it). The wire codec looks schemas up here.
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
