import { InvalidArgumentError } from '../errors/dspy-error.ts'
import type { ModelField } from '../signatures/field-type.ts'
import type { Signature } from '../signatures/signature.ts'
import { pydanticJsonSchema } from '../signatures/type-json-schema.ts'

type Schema = Record<string, unknown>

function enforceRequired(schema: Schema): void {
  if (schema.type === 'object') {
    const properties = schema.properties as Record<string, Schema> | undefined
    if (properties) {
      schema.required = Object.keys(properties)
      schema.additionalProperties = false
      for (const child of Object.values(properties))
        if (child && typeof child === 'object') enforceRequired(child)
    } else {
      schema.properties = {}
      schema.required = []
      schema.additionalProperties = false
    }
  }
  if (schema.type === 'array' && schema.items && typeof schema.items === 'object')
    enforceRequired(schema.items as Schema)
  const definitions = schema.$defs as Record<string, Schema> | undefined
  if (definitions) for (const definition of Object.values(definitions)) enforceRequired(definition)
}

/**
 * The JSON schema DSPy sends as structured outputs: a `DSPyProgramOutputs` object of the output
 * fields where every object lists all its properties as required and forbids extra ones.
 */
export function structuredOutputsSchema(signature: Signature): Schema {
  const fields: ModelField[] = []
  for (const field of signature.outputFields) {
    if (field.type.kind === 'dict') {
      throw new InvalidArgumentError({
        message: `Field '${field.name}' has an open-ended mapping type which is not supported by Structured Outputs.`,
      })
    }
    if (field.type.kind === 'custom' && field.type.name === 'ToolCalls') continue
    fields.push({
      name: field.name,
      type: field.type,
      ...(field.default ? { default: field.default } : {}),
    })
  }
  const schema = pydanticJsonSchema({ kind: 'model', name: 'DSPyProgramOutputs', fields })
  schema.additionalProperties = false
  enforceRequired(schema)
  return schema
}
