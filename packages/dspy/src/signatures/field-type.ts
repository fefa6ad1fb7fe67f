import type { z } from 'zod'

/** A value allowed by a `Literal[...]` type. */
export type LiteralValue = string | number | boolean | null

/** One field of a structured (pydantic-like) object type. */
export interface ModelField {
  name: string
  type: FieldType
  description?: string
  /** Present when the field has a default: the field is then optional. */
  default?: { value: unknown }
}

/**
 * The type of a signature field, mirroring the Python annotations DSPy understands. It decides
 * how the field is named in prompts (`list[str]`), which JSON schema the LM is asked to follow,
 * how values are printed and how answers are parsed.
 */
export type FieldType =
  | { kind: 'str' | 'int' | 'float' | 'bool' | 'none' | 'any' }
  | { kind: 'list'; item?: FieldType }
  | { kind: 'set'; item?: FieldType }
  | { kind: 'dict'; key?: FieldType; value?: FieldType }
  | { kind: 'tuple'; items: FieldType[]; variadic: boolean }
  | { kind: 'literal'; values: LiteralValue[] }
  | { kind: 'union'; options: FieldType[] }
  | { kind: 'model'; name: string; fields: ModelField[]; schema?: z.ZodType; description?: string }
  | { kind: 'enum'; name: string; members: { name: string; value: string | number }[] }
  | { kind: 'custom'; name: 'History' | 'Tool' | 'ToolCalls' | 'Reasoning' }

export const strType: FieldType = { kind: 'str' }

/** `Optional[inner]`: a union of the type and None. */
export function optionalType(inner: FieldType): FieldType {
  return unionType([inner, { kind: 'none' }])
}

/** `Union[...]` with Python's flattening and de-duplication; a single option is returned as is. */
export function unionType(options: FieldType[]): FieldType {
  const flat: FieldType[] = []
  for (const option of options) {
    for (const inner of option.kind === 'union' ? option.options : [option]) {
      if (!flat.some((known) => sameType(known, inner))) flat.push(inner)
    }
  }
  return flat.length === 1 ? flat[0]! : { kind: 'union', options: flat }
}

/** Structural equality of two field types. */
export function sameType(a: FieldType, b: FieldType): boolean {
  if (a.kind === 'model' && b.kind === 'model') return a.name === b.name && a.fields === b.fields
  return JSON.stringify(a, skipSchemas) === JSON.stringify(b, skipSchemas)
}

function skipSchemas(key: string, value: unknown): unknown {
  return key === 'schema' ? undefined : value
}

/** Whether the type admits None (DSPy's `annotation_allows_none`). */
export function allowsNone(type: FieldType): boolean {
  if (type.kind === 'none') return true
  if (type.kind === 'union') return type.options.some(allowsNone)
  return false
}
