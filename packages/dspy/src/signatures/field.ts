import type { z } from 'zod'
import { type CustomTypes, parseTypeExpression } from './parse-type-expression.ts'
import type { FieldType } from './field-type.ts'
import { isZodSchema, zodToFieldType } from './zod-field-type.ts'

/** A field of a signature, with everything DSPy keeps about it. */
export interface SignatureField {
  readonly name: string
  readonly role: 'input' | 'output'
  readonly type: FieldType
  /** The description; `${name}` when none was given (then prompts print none). */
  readonly desc: string
  /** The prefix (`Question:`); kept for saved state and MIPRO demo strings, not for ChatAdapter prompts. */
  readonly prefix: string
  /** No type was given (only silences type warnings, as in DSPy). */
  readonly typeUndefined: boolean
  /** Human-readable constraints (`greater than or equal to: 0`), printed under the field. */
  readonly constraints?: string
  /** A default value: the output field becomes optional. */
  readonly default?: { value: unknown }
}

/** Numeric and length constraints, printed into prompts as DSPy prints pydantic's. */
export interface FieldConstraints {
  gt?: number
  ge?: number
  lt?: number
  le?: number
  minLength?: number
  maxLength?: number
  multipleOf?: number
  allowInfNan?: boolean
}

/** Options of {@link InputField} and {@link OutputField}. */
export interface FieldOptions extends FieldConstraints {
  desc?: string
  /** An alias of `desc`, as pydantic's `description`. */
  description?: string
  prefix?: string
  /** A Python type string (`list[str]`), a field type, or a zod schema. Default: `str`. */
  type?: string | FieldType | z.ZodType
  default?: unknown
}

/** A field declared with {@link InputField} or {@link OutputField}, not yet named. */
export interface FieldDeclaration {
  readonly role: 'input' | 'output'
  readonly options: FieldOptions
}

/** Declares an input field of an object-form signature. */
export function InputField(options: FieldOptions = {}): FieldDeclaration {
  return { role: 'input', options }
}

/** Declares an output field of an object-form signature. */
export function OutputField(options: FieldOptions = {}): FieldDeclaration {
  return { role: 'output', options }
}

const constraintLabels: Record<keyof FieldConstraints, string> = {
  gt: 'greater than: ',
  ge: 'greater than or equal to: ',
  lt: 'less than: ',
  le: 'less than or equal to: ',
  minLength: 'minimum length: ',
  maxLength: 'maximum length: ',
  multipleOf: 'a multiple of the given number: ',
  allowInfNan: "allow 'inf', '-inf', 'nan' values: ",
}

function constraintText(options: FieldOptions): string | undefined {
  const parts: string[] = []
  for (const [key, value] of Object.entries(options)) {
    const label = constraintLabels[key as keyof FieldConstraints]
    if (label === undefined || value === undefined) continue
    parts.push(label + (typeof value === 'boolean' ? (value ? 'True' : 'False') : String(value)))
  }
  return parts.length > 0 ? parts.join(', ') : undefined
}

/** Resolves a type given as a string, a FieldType or a zod schema. */
export function resolveFieldType(
  type: string | FieldType | z.ZodType | undefined,
  fieldName: string,
  customTypes?: CustomTypes,
): FieldType {
  if (type === undefined) return { kind: 'str' }
  if (typeof type === 'string') return parseTypeExpression(type, customTypes)
  if (isZodSchema(type))
    return zodToFieldType(type, fieldName.charAt(0).toUpperCase() + fieldName.slice(1))
  return type
}

/** Builds a complete field from a declaration, filling prefix and desc as DSPy's metaclass does. */
export function buildField(options: {
  name: string
  declaration: FieldDeclaration
  inferredPrefix: string
  customTypes?: CustomTypes
}): SignatureField {
  const { name, declaration } = options
  const fieldOptions = declaration.options
  const constraints = constraintText(fieldOptions)
  return {
    name,
    role: declaration.role,
    type: resolveFieldType(fieldOptions.type, name, options.customTypes),
    desc: fieldOptions.desc ?? fieldOptions.description ?? `\${${name}}`,
    prefix: fieldOptions.prefix ?? `${options.inferredPrefix}:`,
    typeUndefined: fieldOptions.type === undefined,
    ...(constraints ? { constraints } : {}),
    ...('default' in fieldOptions ? { default: { value: fieldOptions.default } } : {}),
  }
}
