import { pythonJsonDumps } from '../python/py-json.ts'
import { pythonStr } from '../python/py-repr.ts'
import type { SignatureField } from '../signatures/field.ts'
import { pydanticJsonSchema, sortSchemaKeys } from '../signatures/type-json-schema.ts'

/** The note DSPy adds after an output field's placeholder (`translate_field_type`), or "". */
export function typeNote(field: SignatureField): string {
  const type = field.type
  if (field.role === 'input' || type.kind === 'str') return ''
  if (type.kind === 'custom' && type.name === 'Reasoning') return ''
  if (type.kind === 'bool') return 'must be True or False'
  if (type.kind === 'int' || type.kind === 'float') return `must be a single ${type.kind} value`
  if (type.kind === 'enum')
    return `must be one of: ${type.members.map((member) => pythonStr(member.value)).join('; ')}`
  if (type.kind === 'literal') {
    return `must exactly match (no extra characters) one of: ${type.values.map((value) => pythonStr(value)).join('; ')}`
  }
  return `must adhere to the JSON schema: ${pythonJsonDumps(sortSchemaKeys(pydanticJsonSchema(type)))}`
}

/** `{name}` plus, when there is a note, eight spaces and `# note: the value you produce ...`. */
export function fieldPlaceholder(field: SignatureField): string {
  const note = typeNote(field)
  return `{${field.name}}${note ? `        # note: the value you produce ${note}` : ''}`
}
