import { toJsonable } from '../adapters/to-jsonable.ts'

/** A demo as DSPy saves it: Examples as `toDict()`, values made JSON-safe. */
export function serializeDemo(demo: unknown): Record<string, unknown> {
  const record =
    demo && typeof demo === 'object' && typeof (demo as { toDict?: unknown }).toDict === 'function'
      ? (demo as { toDict(): Record<string, unknown> }).toDict()
      : ((demo ?? {}) as Record<string, unknown>)
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, toJsonable(value)]))
}
