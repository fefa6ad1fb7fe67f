import { PyFloat } from '../python/py-float.ts'
import type { FieldType } from '../signatures/field-type.ts'

interface Dictable {
  toDict(): Record<string, unknown>
}

function isDictable(value: unknown): value is Dictable {
  return (
    typeof value === 'object' && value !== null && typeof (value as Dictable).toDict === 'function'
  )
}

/**
 * Turns a value into what pydantic's `dump_python(mode="json")` would give, guided by the
 * declared type where there is one: numbers declared `float` become {@link PyFloat} so that they
 * print as `2.0`; objects with `toDict()` (Example, Prediction) become records; sets become lists.
 */
export function toJsonable(value: unknown, declared?: FieldType): unknown {
  if (value === undefined || value === null) return null
  const type = declared?.kind === 'union' ? unionOptionFor(value, declared.options) : declared
  if (value instanceof PyFloat) return value
  if (typeof value === 'number') {
    if (type && floatDeclared(type) && Number.isFinite(value)) return new PyFloat(value)
    return value
  }
  if (typeof value !== 'object') return value
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value) || value instanceof Set) {
    const items = [...value]
    const itemType = type && (type.kind === 'list' || type.kind === 'set') ? type.item : undefined
    return items.map((item, index) => {
      const tupleType =
        type?.kind === 'tuple' ? (type.variadic ? type.items[0] : type.items[index]) : undefined
      return toJsonable(item, itemType ?? tupleType)
    })
  }
  if (isDictable(value)) return toJsonable(value.toDict())
  if (value instanceof Map) return toJsonable(Object.fromEntries(value), type)
  const record = value as Record<string, unknown>
  const result: Record<string, unknown> = {}
  if (type?.kind === 'model') {
    for (const field of type.fields) {
      if (field.name in record) result[field.name] = toJsonable(record[field.name], field.type)
      else if (field.default !== undefined)
        result[field.name] = toJsonable(field.default.value, field.type)
    }
    return result
  }
  const valueType = type?.kind === 'dict' ? type.value : undefined
  for (const [key, entry] of Object.entries(record)) {
    if (entry !== undefined) result[key] = toJsonable(entry, valueType)
  }
  return result
}

/** The union option a value belongs to, by its shape (what pydantic's smart mode would pick). */
function unionOptionFor(value: unknown, options: FieldType[]): FieldType | undefined {
  const kinds: FieldType['kind'][] =
    typeof value === 'number'
      ? ['int', 'float']
      : typeof value === 'string'
        ? ['str', 'literal', 'enum']
        : typeof value === 'boolean'
          ? ['bool']
          : Array.isArray(value)
            ? ['list', 'tuple', 'set']
            : ['model', 'dict']
  if (typeof value === 'number' && !Number.isInteger(value)) kinds.reverse()
  for (const kind of kinds) {
    const match = options.find((option) => option.kind === kind)
    if (match) return match
  }
  return undefined
}

function floatDeclared(type: FieldType): boolean {
  if (type.kind === 'float') return true
  if (type.kind === 'union') {
    return (
      type.options.some((option) => option.kind === 'float') &&
      !type.options.some((option) => option.kind === 'int')
    )
  }
  return false
}
