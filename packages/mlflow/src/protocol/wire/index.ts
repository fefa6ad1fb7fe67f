/**
 * @module wire
 * The codec between camelCase TypeScript values and MLflow's snake_case proto JSON, and a
 * BigInt-safe JSON parser and printer for nanosecond times.
 */
export { camelToSnake, snakeToCamel } from './field-names.ts'
export { fromWire } from './from-wire.ts'
export { parseJsonBigIntSafe } from './parse-json-bigint-safe.ts'
export { printJsonBigIntSafe } from './print-json-bigint-safe.ts'
export { queryToWire, wireToQuery } from './query.ts'
export {
  decodeBigInt,
  decodeBool,
  decodeDouble,
  decodeEnum,
  decodeInt64,
  encodeDouble,
} from './scalars.ts'
export { toWire } from './to-wire.ts'
export { type WireCodec, wireCodec } from './wire-codec.ts'
export { isWireObject, type WireObject, type WireValue } from './wire-value.ts'
