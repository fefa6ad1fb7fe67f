import type { FieldType, LiteralValue, ModelField } from './field-type.ts'

type JsonSchema = Record<string, unknown>

/** Python's `str.title()`: upper-cases the first letter of every run of letters. */
function pythonTitle(text: string): string {
  let previousIsLetter = false
  let result = ''
  for (const character of text) {
    const isLetter = character.toLowerCase() !== character.toUpperCase()
    result += isLetter
      ? previousIsLetter
        ? character.toLowerCase()
        : character.toUpperCase()
      : character
    previousIsLetter = isLetter
  }
  return result
}

function literalJsonType(values: LiteralValue[]): string | undefined {
  const kinds = new Set(
    values.map((value) =>
      value === null
        ? 'null'
        : typeof value === 'number'
          ? Number.isInteger(value)
            ? 'integer'
            : 'number'
          : typeof value === 'boolean'
            ? 'boolean'
            : 'string',
    ),
  )
  return kinds.size === 1 ? [...kinds][0] : undefined
}

function isReferenced(type: FieldType): boolean {
  if (type.kind === 'model' || type.kind === 'enum') return true
  if (type.kind === 'union') {
    const others = type.options.filter((option) => option.kind !== 'none')
    return others.length === 1 && isReferenced(others[0]!)
  }
  return false
}

/**
 * The JSON schema pydantic v2 generates for a type (`TypeAdapter(T).json_schema()`): nested
 * object and enum types go to `$defs` and are referenced, fields get titles and defaults.
 */
export function pydanticJsonSchema(type: FieldType): JsonSchema {
  const definitions = new Map<string, JsonSchema>()
  const build = (current: FieldType, topLevel: boolean): JsonSchema => {
    switch (current.kind) {
      case 'str':
        return { type: 'string' }
      case 'int':
        return { type: 'integer' }
      case 'float':
        return { type: 'number' }
      case 'bool':
        return { type: 'boolean' }
      case 'none':
        return { type: 'null' }
      case 'any':
      case 'custom':
        return {}
      case 'list':
        return { items: current.item ? build(current.item, false) : {}, type: 'array' }
      case 'set':
        return {
          items: current.item ? build(current.item, false) : {},
          type: 'array',
          uniqueItems: true,
        }
      case 'dict': {
        const value =
          current.value && current.value.kind !== 'any' ? build(current.value, false) : true
        return { additionalProperties: value, type: 'object' }
      }
      case 'tuple':
        if (current.variadic) return { items: build(current.items[0]!, false), type: 'array' }
        return {
          maxItems: current.items.length,
          minItems: current.items.length,
          prefixItems: current.items.map((item) => build(item, false)),
          type: 'array',
        }
      case 'literal': {
        const jsonType = literalJsonType(current.values)
        const base: JsonSchema =
          current.values.length === 1 ? { const: current.values[0] } : { enum: current.values }
        return jsonType ? { ...base, type: jsonType } : base
      }
      case 'union':
        return { anyOf: current.options.map((option) => build(option, false)) }
      case 'enum': {
        const values = current.members.map((member) => member.value)
        const jsonType = literalJsonType(values)
        const schema: JsonSchema = { enum: values, title: current.name }
        if (jsonType) schema.type = jsonType
        if (topLevel) return schema
        definitions.set(current.name, schema)
        return { $ref: `#/$defs/${current.name}` }
      }
      case 'model': {
        if (!topLevel) {
          if (!definitions.has(current.name)) {
            definitions.set(current.name, {})
            definitions.set(
              current.name,
              modelSchema(current.name, current.fields, current.description),
            )
          }
          return { $ref: `#/$defs/${current.name}` }
        }
        return modelSchema(current.name, current.fields, current.description)
      }
    }
  }
  const modelSchema = (name: string, fields: ModelField[], description?: string): JsonSchema => {
    const properties: JsonSchema = {}
    for (const field of fields) {
      const schema = build(field.type, false)
      if (field.description !== undefined) schema.description = field.description
      if (field.default !== undefined) schema.default = field.default.value
      if (!isReferenced(field.type)) schema.title = pythonTitle(field.name).replaceAll('_', ' ')
      properties[field.name] = schema
    }
    const schema: JsonSchema = { properties }
    const required = fields
      .filter((field) => field.default === undefined)
      .map((field) => field.name)
    if (required.length > 0) schema.required = required
    if (description !== undefined) schema.description = description
    schema.title = name
    schema.type = 'object'
    return schema
  }
  const root = build(type, true)
  if (definitions.size === 0) return root
  if (type.kind === 'model' && definitions.has(type.name)) definitions.delete(type.name)
  const sortedDefinitions = Object.fromEntries(
    [...definitions.entries()].sort(([a], [b]) => (a < b ? -1 : 1)),
  )
  return { $defs: sortedDefinitions, ...root }
}

/** DSPy's reordering for prompts: `"type"` first, then the other keys alphabetically, recursively. */
export function sortSchemaKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortSchemaKeys)
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => {
      if (a === 'type' || b === 'type') return a === 'type' ? (b === 'type' ? 0 : -1) : 1
      return a < b ? -1 : a > b ? 1 : 0
    })
    return Object.fromEntries(entries.map(([key, entry]) => [key, sortSchemaKeys(entry)]))
  }
  return value
}
