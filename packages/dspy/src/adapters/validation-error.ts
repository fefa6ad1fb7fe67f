/**
 * Validation issues and the error that reports them with the text of pydantic v2's
 * `ValidationError` (`1 validation error for int` / `  Input should be a valid integer ...`), so
 * that parse failures read the same as in DSPy.
 * @module
 */
import { PyFloat } from '../python/py-float.ts'
import { pythonRepr } from '../python/py-repr.ts'
import type { FieldType } from '../signatures/field-type.ts'
import { isTuple, pythonEllipsis } from '../utils/python-literal.ts'

/** The pydantic version whose documentation links appear in the messages. */
const pydanticDocs = 'https://errors.pydantic.dev/2.14/v'

/** One problem found while validating, as pydantic reports it. */
export interface ValidationIssue {
  /** Where: field names, list indexes, dict keys (`'[key]'` for a bad key), union branches. */
  loc: (string | number)[]
  /** pydantic's error type: `int_parsing`, `missing`, `literal_error`, ... */
  type: string
  /** The sentence: `Input should be a valid integer`. */
  msg: string
  input: unknown
}

/** Python's type name of a value (`str`, `int`, `float`, `NoneType`, `list`, `dict`, ...). */
export function pythonTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType'
  if (value === pythonEllipsis) return 'ellipsis'
  if (value instanceof PyFloat) return 'float'
  if (typeof value === 'boolean') return 'bool'
  if (typeof value === 'number')
    return Number.isInteger(value) && !Object.is(value, -0) ? 'int' : 'float'
  if (typeof value === 'string') return 'str'
  if (Array.isArray(value)) return isTuple(value) ? 'tuple' : 'list'
  if (value instanceof Set) return 'set'
  return 'dict'
}

/** `repr()` of any parsed value, including the Maps used for dicts with non-string keys. */
export function valueRepr(value: unknown): string {
  if (value === pythonEllipsis) return 'Ellipsis'
  if (value instanceof Map) {
    const entries = [...value.entries()].map(
      ([key, item]) => `${valueRepr(key)}: ${valueRepr(item)}`,
    )
    return `{${entries.join(', ')}}`
  }
  if (isTuple(value)) {
    const items = (value as unknown[]).map(valueRepr)
    return `(${items.join(', ')}${items.length === 1 ? ',' : ''})`
  }
  if (Array.isArray(value)) return `[${value.map(valueRepr).join(', ')}]`
  if (value instanceof Set)
    return value.size === 0 ? 'set()' : `{${[...value].map(valueRepr).join(', ')}}`
  if (value !== null && typeof value === 'object' && !(value instanceof PyFloat)) {
    return `{${Object.entries(value)
      .map(([key, item]) => `${pythonRepr(key)}: ${valueRepr(item)}`)
      .join(', ')}}`
  }
  return pythonRepr(value)
}

const utf8 = new TextEncoder()

/** pydantic's `input_value`: reprs over 50 UTF-8 bytes keep their first 25 and last 24 bytes. */
function truncatedRepr(value: unknown): string {
  const text = valueRepr(value)
  const sizes = Array.from(text, (char) => ({ char, bytes: utf8.encode(char).length }))
  const total = sizes.reduce((sum, { bytes }) => sum + bytes, 0)
  if (total <= 50) return text
  let head = ''
  let used = 0
  for (const { char, bytes } of sizes) {
    if (used + bytes > 25) break
    head += char
    used += bytes
  }
  let tail = ''
  used = 0
  for (const { char, bytes } of sizes.reverse()) {
    if (used + bytes > 24) break
    tail = char + tail
    used += bytes
  }
  return `${head}...${tail}`
}

/** `'a'`, `'a' or 'b'`, `'a', 'b' or 'c'`: the expected values of a Literal or Enum. */
export function expectedValues(values: unknown[]): string {
  const reprs = values.map(valueRepr)
  if (reprs.length <= 1) return reprs.join('')
  return `${reprs.slice(0, -1).join(', ')} or ${reprs[reprs.length - 1]}`
}

/** The name pydantic gives the validator of a type: `int`, `list[int]`, `nullable[str]`. */
export function validatorTitle(type: FieldType): string {
  const titleOrAny = (inner: FieldType | undefined): string =>
    inner ? validatorTitle(inner) : 'any'
  switch (type.kind) {
    case 'list':
    case 'set':
      return `${type.kind}[${titleOrAny(type.item)}]`
    case 'dict':
      return `dict[${titleOrAny(type.key)},${titleOrAny(type.value)}]`
    case 'tuple':
      if (type.variadic) return `tuple[${titleOrAny(type.items[0])}, ...]`
      return `tuple[${type.items.map(validatorTitle).join(', ')}]`
    case 'literal':
      return `literal[${type.values.map(valueRepr).join(',')}]`
    case 'union': {
      const options = type.options.filter((option) => option.kind !== 'none')
      const inner =
        options.length === 1
          ? validatorTitle(options[0]!)
          : `union[${options.map(validatorTitle).join(',')}]`
      return options.length < type.options.length ? `nullable[${inner}]` : inner
    }
    case 'model':
      return type.name
    case 'enum':
      return `enum[${type.name}]`
    case 'custom':
      return type.name
    default:
      return type.kind
  }
}

/** The text of pydantic's `ValidationError` for these issues. */
export function formatValidationIssues(title: string, issues: ValidationIssue[]): string {
  const lines = [`${issues.length} validation error${issues.length === 1 ? '' : 's'} for ${title}`]
  for (const issue of issues) {
    if (issue.loc.length > 0) lines.push(issue.loc.join('.'))
    const input = `input_value=${truncatedRepr(issue.input)}, input_type=${pythonTypeName(issue.input)}`
    lines.push(`  ${issue.msg} [type=${issue.type}, ${input}]`)
    lines.push(`    For further information visit ${pydanticDocs}/${issue.type}`)
  }
  return lines.join('\n')
}

/**
 * A value does not fit its declared type. The message is the one pydantic's `ValidationError`
 * would print; `issues` lists the problems one by one.
 */
export class ValueValidationError extends Error {
  readonly issues: ValidationIssue[]
  readonly title: string

  constructor(title: string, issues: ValidationIssue[]) {
    super(formatValidationIssues(title, issues))
    this.name = 'ValidationError'
    this.title = title
    this.issues = issues
  }
}
