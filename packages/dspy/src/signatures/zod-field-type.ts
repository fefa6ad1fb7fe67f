import { z } from 'zod'
import { SignatureError } from '../errors/dspy-error.ts'
import {
  type FieldType,
  type LiteralValue,
  type ModelField,
  optionalType,
  unionType,
} from './field-type.ts'

type ZodDefinition = {
  type: string
  innerType?: z.ZodType
  element?: z.ZodType
  valueType?: z.ZodType
  keyType?: z.ZodType
  options?: z.ZodType[]
  items?: z.ZodType[]
  rest?: z.ZodType | null
  values?: LiteralValue[]
  entries?: Record<string, string | number>
  shape?: Record<string, z.ZodType>
  defaultValue?: unknown
}

function definitionOf(schema: z.ZodType): ZodDefinition {
  return (schema as unknown as { _zod: { def: ZodDefinition } })._zod.def
}

function titleOf(schema: z.ZodType): string | undefined {
  const meta = z.globalRegistry.get(schema) as { title?: string; id?: string } | undefined
  return meta?.title ?? meta?.id
}

/** True when a zod schema is a plain object type (a pydantic model's counterpart). */
export function isZodSchema(value: unknown): value is z.ZodType {
  return typeof value === 'object' && value !== null && '_zod' in value
}

/**
 * Converts a zod schema into the field type DSPy would see for the equivalent pydantic
 * annotation. Objects become named models (the name comes from `.meta({ title })`), named
 * enums become Enum types, `z.number().int()` is `int`, `z.number()` is `float`.
 */
export function zodToFieldType(schema: z.ZodType, fallbackName = 'Model'): FieldType {
  const definition = definitionOf(schema)
  switch (definition.type) {
    case 'string':
      return { kind: 'str' }
    case 'number': {
      const json = z.toJSONSchema(schema) as { type?: string }
      return { kind: json.type === 'integer' ? 'int' : 'float' }
    }
    case 'int':
      return { kind: 'int' }
    case 'boolean':
      return { kind: 'bool' }
    case 'null':
    case 'undefined':
      return { kind: 'none' }
    case 'any':
    case 'unknown':
      return { kind: 'any' }
    case 'array':
      return { kind: 'list', item: zodToFieldType(definition.element!, fallbackName) }
    case 'set':
      return { kind: 'set', item: zodToFieldType(definition.valueType!, fallbackName) }
    case 'record':
      return {
        kind: 'dict',
        key: zodToFieldType(definition.keyType!, fallbackName),
        value: zodToFieldType(definition.valueType!, fallbackName),
      }
    case 'tuple': {
      const items = (definition.items ?? []).map((item) => zodToFieldType(item, fallbackName))
      if (definition.rest)
        return { kind: 'tuple', items: [zodToFieldType(definition.rest)], variadic: true }
      return { kind: 'tuple', items, variadic: false }
    }
    case 'literal':
      return { kind: 'literal', values: definition.values ?? [] }
    case 'enum': {
      const values = Object.values(definition.entries ?? {})
      const title = titleOf(schema)
      if (!title) return { kind: 'literal', values }
      return {
        kind: 'enum',
        name: title,
        members: Object.entries(definition.entries ?? {}).map(([name, value]) => ({ name, value })),
      }
    }
    case 'optional':
    case 'nullable':
      return optionalType(zodToFieldType(definition.innerType!, fallbackName))
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return zodToFieldType(definition.innerType!, fallbackName)
    case 'union':
      return unionType(
        (definition.options ?? []).map((option) => zodToFieldType(option, fallbackName)),
      )
    case 'object': {
      const name = titleOf(schema) ?? fallbackName
      const fields: ModelField[] = Object.entries(definition.shape ?? {}).map(
        ([fieldName, fieldSchema]) => modelField(fieldName, fieldSchema),
      )
      const description = schema.description
      return { kind: 'model', name, fields, schema, ...(description ? { description } : {}) }
    }
    default:
      throw new SignatureError({
        code: 'SIGNATURE_UNKNOWN_TYPE',
        message: `The zod type '${definition.type}' has no DSPy field type counterpart.`,
      })
  }
}

function modelField(name: string, schema: z.ZodType): ModelField {
  const definition = definitionOf(schema)
  const field: ModelField = {
    name,
    type: zodToFieldType(schema, name.charAt(0).toUpperCase() + name.slice(1)),
  }
  if (schema.description !== undefined) field.description = schema.description
  if (definition.type === 'default') {
    const value = definition.defaultValue
    field.default = { value: typeof value === 'function' ? (value as () => unknown)() : value }
  } else if (definition.type === 'optional') {
    field.default = { value: null }
  }
  return field
}
