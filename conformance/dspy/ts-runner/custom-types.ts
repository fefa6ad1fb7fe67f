/**
 * @module custom-types
 * A case's enums and models as @dspyflow/dspy custom types (named zod enums, titled zod objects),
 * as pydantic's `create_model` builds them on the Python side.
 */
import { z } from 'zod'
import * as dspy from '../../../packages/dspy/src/index.ts'
import type { ModelSpec, TypedCase } from './case-json.ts'

// ------------------------------------------------------------------------------------------
// Types: enums as named zod enums, models as titled zod objects (pydantic `create_model`)

/** A zod schema for a field type (as parsed from an annotation string) with named schemas. */
export function toZod(type: dspy.FieldType, named: Map<string, z.ZodType>): z.ZodType {
  switch (type.kind) {
    case 'str':
      return z.string()
    case 'int':
      return z.number().int()
    case 'float':
      return z.number()
    case 'bool':
      return z.boolean()
    case 'none':
      return z.null()
    case 'any':
      return z.any()
    case 'list':
      return z.array(type.item ? toZod(type.item, named) : z.any())
    case 'set':
      return z.set(type.item ? toZod(type.item, named) : z.any())
    case 'dict':
      return z.record(z.string(), type.value ? toZod(type.value, named) : z.any())
    case 'tuple':
      if (type.variadic) return z.tuple([]).rest(toZod(type.items[0]!, named))
      return z.tuple(type.items.map((item) => toZod(item, named)) as [z.ZodType, ...z.ZodType[]])
    case 'literal':
      return z.literal(type.values as [string | number | boolean | null])
    case 'union': {
      const others = type.options.filter((option) => option.kind !== 'none')
      const nullable = others.length < type.options.length
      const inner =
        others.length === 1
          ? toZod(others[0]!, named)
          : z.union(others.map((option) => toZod(option, named)) as [z.ZodType, z.ZodType])
      return nullable ? inner.nullable() : inner
    }
    case 'model':
    case 'enum': {
      const schema = named.get(type.name)
      if (!schema) throw new Error(`Unknown name: ${type.name}`)
      return schema
    }
    default:
      throw new Error(`No zod counterpart for the field type ${JSON.stringify(type)}`)
  }
}

/** Builds the case's enums and models (in dependency order) and returns them as custom types. */
export function buildCustomTypes(testCase: TypedCase): dspy.CustomTypes {
  const named = new Map<string, z.ZodType>()
  const custom: dspy.CustomTypes = {}
  for (const [name, members] of Object.entries(testCase.enums ?? {})) {
    const schema = z.enum(members).meta({ title: name })
    named.set(name, schema)
    custom[name] = dspy.zodToFieldType(schema)
  }
  const placeholders: dspy.CustomTypes = { ...custom }
  for (const name of Object.keys(testCase.models ?? {})) {
    placeholders[name] = { kind: 'model', name, fields: [] }
  }
  const pending = new Map(Object.entries(testCase.models ?? {}))
  while (pending.size > 0) {
    let progressed = false
    for (const [name, spec] of pending) {
      const shape: Record<string, z.ZodType> = {}
      try {
        for (const field of spec.fields) {
          const type = dspy.parseTypeExpression(field.type, placeholders)
          shape[field.name] = modelFieldSchema(type, field, named)
        }
      } catch {
        continue // references a model not built yet
      }
      const schema = z
        .object(shape)
        .meta(
          spec.description === undefined
            ? { title: name }
            : { title: name, description: spec.description },
        )
      named.set(name, schema)
      custom[name] = dspy.zodToFieldType(schema)
      pending.delete(name)
      progressed = true
    }
    if (!progressed) throw new Error(`Cannot build models ${[...pending.keys()].join(', ')}`)
  }
  return custom
}

export function modelFieldSchema(
  type: dspy.FieldType,
  field: ModelSpec['fields'][number],
  named: Map<string, z.ZodType>,
): z.ZodType {
  let schema: z.ZodType
  const isOptional = type.kind === 'union' && type.options.some((option) => option.kind === 'none')
  if ('default' in field && field.default === null && isOptional) {
    // Optional[X] = None: zod's .optional() (the value may also be null).
    const others = type.options.filter((option) => option.kind !== 'none')
    const inner =
      others.length === 1
        ? toZod(others[0]!, named)
        : z.union(others.map((option) => toZod(option, named)) as [z.ZodType, z.ZodType])
    schema = inner.optional()
  } else {
    schema = toZod(type, named)
    if ('default' in field) {
      const value = field.default
      schema = (schema as z.ZodType<unknown>).default(() => structuredClone(value))
    }
  }
  return field.description === undefined ? schema : schema.describe(field.description)
}
