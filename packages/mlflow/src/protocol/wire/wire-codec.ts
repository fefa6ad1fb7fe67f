import { z } from 'zod'
import { fromWire } from './from-wire.ts'
import { toWire } from './to-wire.ts'
import type { WireValue } from './wire-value.ts'

const anyWireValue = z.custom<WireValue>(() => true)

/**
 * A zod codec between MLflow's snake_case JSON (input side) and a camelCase schema (output
 * side). `codec.parse(json)` / `z.decode(codec, json)` read MLflow JSON into validated camelCase
 * values; `z.encode(codec, value)` writes a camelCase value as MLflow JSON. `codec.out` is the
 * camelCase schema.
 */
export type WireCodec<S extends z.ZodType> = z.ZodCodec<z.ZodType<WireValue>, S>

/**
 * Builds the wire codec of a camelCase schema (see `fromWire` and `toWire` for the rules).
 * Validation issues carry camelCase paths; `requestValidationError` words them with MLflow's
 * field names.
 *
 * @example
 * const experimentWire = wireCodec(experimentSchema)
 * const experiment = experimentWire.parse({
 *   experiment_id: '1', name: 'e1', artifact_location: 'mlflow-artifacts:/1',
 *   lifecycle_stage: 'active', creation_time: '1718460461282',
 * })
 * experiment.creationTime // 1718460461282
 * z.encode(experimentWire, experiment).creation_time // 1718460461282
 */
export function wireCodec<S extends z.ZodType>(schema: S): WireCodec<S> {
  return z.codec(anyWireValue, schema, {
    decode: (value) => fromWire(schema, value) as z.input<S>,
    encode: (value) => toWire(schema, value) ?? null,
  })
}
