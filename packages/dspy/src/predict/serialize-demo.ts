import { toJsonable } from '../adapters/to-jsonable.ts'
import type { Signature } from '../signatures/signature.ts'

/**
 * A demo as DSPy saves it: Examples as `toDict()`, values made JSON-safe through their declared
 * field types (so a `float` field keeps `2.0` and object fields get their defaults, as pydantic
 * values would in Python).
 */
export function serializeDemo(demo: unknown, signature?: Signature): Record<string, unknown> {
  const record =
    demo && typeof demo === 'object' && typeof (demo as { toDict?: unknown }).toDict === 'function'
      ? (demo as { toDict(): Record<string, unknown> }).toDict()
      : ((demo ?? {}) as Record<string, unknown>)
  return Object.fromEntries(
    Object.entries(record).map(([key, value]) => [
      key,
      toJsonable(value, signature?.field(key)?.type),
    ]),
  )
}
