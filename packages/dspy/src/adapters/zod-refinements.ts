/**
 * The zod schema of a model, run after our pydantic-like validation so that its refinements
 * (`.min()`, `.regex()`, `.refine()`, ...) still apply. Types were already checked, so the value
 * is first put in zod's terms (PyFloats as numbers, `None` in an `.optional()` field left out)
 * and zod's own type complaints are ignored.
 * @module
 */
import type { z } from 'zod'
import { PyFloat } from '../python/py-float.ts'
import { setOwnKey } from '../utils/python-json-decode.ts'
import type { ValidationIssue } from './validation-error.ts'

type Definition = {
  type: string
  innerType?: z.ZodType
  element?: z.ZodType
  valueType?: z.ZodType
  items?: z.ZodType[]
  rest?: z.ZodType | null
  shape?: Record<string, z.ZodType>
}

const wrapperTypes = [
  'optional',
  'nullable',
  'default',
  'prefault',
  'readonly',
  'catch',
  'nonoptional',
]

function definitionOf(schema: z.ZodType | undefined): Definition | undefined {
  return schema ? (schema as unknown as { _zod: { def: Definition } })._zod.def : undefined
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype
  )
}

function dropsNull(schema: z.ZodType): boolean {
  return !schema.safeParse(null).success && schema.safeParse(undefined).success
}

function itemSchema(definition: Definition | undefined, index: number): z.ZodType | undefined {
  if (definition?.type === 'array') return definition.element
  if (definition?.type === 'tuple') return definition.items?.[index] ?? definition.rest ?? undefined
  return undefined
}

function toZodInput(value: unknown, schema: z.ZodType | undefined): unknown {
  if (value instanceof PyFloat) return value.value
  let definition = definitionOf(schema)
  while (definition && wrapperTypes.includes(definition.type))
    definition = definitionOf(definition.innerType)
  if (Array.isArray(value))
    return value.map((item, index) => toZodInput(item, itemSchema(definition, index)))
  if (value instanceof Set) {
    const members = definition?.type === 'set' ? definition.valueType : undefined
    return new Set([...value].map((item) => toZodInput(item, members)))
  }
  if (!isPlainRecord(value)) return value
  const result: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    const fieldSchema =
      definition?.type === 'object'
        ? definition.shape?.[key]
        : definition?.type === 'record'
          ? definition.valueType
          : undefined
    if (item === null && fieldSchema && dropsNull(fieldSchema)) continue
    setOwnKey(result, key, toZodInput(item, fieldSchema))
  }
  return result
}

function valueAt(value: unknown, path: PropertyKey[]): unknown {
  let current = value
  for (const key of path) {
    if (current === null || typeof current !== 'object') return current
    current = Array.isArray(current)
      ? current[Number(key)]
      : (current as Record<PropertyKey, unknown>)[key]
  }
  return current
}

/** The issues zod's refinements find in an already validated model value, as `value_error`s. */
export function zodRefinementIssues(
  value: Record<string, unknown>,
  schema: z.ZodType,
): ValidationIssue[] {
  const result = schema.safeParse(toZodInput(value, schema))
  if (result.success) return []
  return result.error.issues
    .filter((issue) => issue.code !== 'invalid_type')
    .map((issue) => ({
      loc: issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key)),
      type: 'value_error',
      msg: `Value error, ${issue.message}`,
      input: valueAt(value, issue.path),
    }))
}
